package io.inferdeck.tuning.load.selftest;

import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.BookkeepingProbe;
import io.inferdeck.tuning.load.LoadGenerator;
import io.inferdeck.tuning.load.LoadShape;
import io.inferdeck.tuning.load.Prompt;
import io.inferdeck.tuning.load.PromptSet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Benchmarks the load generator itself against a trivial loopback endpoint, beside wrk in the same run:
 * (1) max requests/s with {@code connections} closed-loop streams, ours vs wrk's, and their ratio;
 * (2) the latency our client stack adds: median e2e at one stream, ours vs wrk's; (3) the CPU cost of our
 * per-request bookkeeping (SSE parsing + histogram recording) measured in-process.
 * Everything runs on this machine's cores together with the endpoint, as in a real benchmark.
 */
public final class SelfBenchmark {
    static final String BODY = "{\"model\":\"self-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"max_tokens\":1,\"stream\":true}";

    /**
     * @param warmup      generator warm-up before its throughput window: the JDK HTTP client needs ~10 s of
     *                    load on 2 cores before the JIT has compiled its hot paths (rates triple meanwhile)
     * @param externalUrl a trivial endpoint to use instead of the built-in one (e.g. nginx); null for built-in
     */
    public record Options(Duration duration, Duration warmup, int connections, int wrkThreads, String externalUrl) {
    }

    public record Report(String endpoint, int connections, Duration duration, double generatorRps, long generatorFailed,
                         OptionalDouble wrkRps, OptionalDouble ratio, double generatorP50MsOneStream,
                         OptionalDouble wrkP50MsOneStream, double bookkeepingMicrosPerRequest, List<String> notes) {
    }

    private SelfBenchmark() {
    }

    public static Report run(Options o, Consumer<String> log) throws IOException, InterruptedException {
        try (TrivialEndpoint own = o.externalUrl() == null ? new TrivialEndpoint() : null;
             LoadGenerator gen = new LoadGenerator(Clock.systemUTC())) {
            String url = o.externalUrl() != null ? o.externalUrl() : own.url();
            String chat = BenchPlan.chatEndpoint(url).toString();
            Optional<Path> wrk = WrkRunner.find();
            List<String> notes = new java.util.ArrayList<>();
            if (wrk.isEmpty()) {
                notes.add("wrk not found on PATH (Debian: apt-get install wrk); generator figures only");
            }
            log.accept("warming up the endpoint ...");
            if (wrk.isPresent()) {
                WrkRunner.run(wrk.get(), chat, o.wrkThreads(), o.connections(), Duration.ofSeconds(2), BODY);
            }
            log.accept("generator, " + o.connections() + " streams, " + o.warmup().toSeconds() + " s warm-up + "
                    + o.duration().toSeconds() + " s ...");
            BenchResult ours = gen.run(plan(url, o.connections(), o.warmup(), o.duration()), p -> { });
            OptionalDouble wrkRps = OptionalDouble.empty();
            if (wrk.isPresent()) {
                log.accept("wrk, " + o.connections() + " connections, " + o.duration().toSeconds() + " s ...");
                WrkRunner.WrkResult w = WrkRunner.run(wrk.get(), chat, o.wrkThreads(), o.connections(), o.duration(), BODY);
                wrkRps = OptionalDouble.of(w.requestsPerSecond());
                if (w.non2xx() > 0) notes.add("wrk saw " + w.non2xx() + " non-2xx responses");
            }
            Duration latencyRun = o.duration().compareTo(Duration.ofSeconds(3)) < 0 ? o.duration() : Duration.ofSeconds(3);
            log.accept("one stream, median latency ...");
            BenchResult single = gen.run(plan(url, 1, Duration.ofSeconds(1), latencyRun), p -> { });
            OptionalDouble wrkP50 = OptionalDouble.empty();
            if (wrk.isPresent()) {
                wrkP50 = WrkRunner.run(wrk.get(), chat, 1, 1, latencyRun, BODY).p50Ms();
            }
            double bookkeeping = BookkeepingProbe.nanosPerRequest(TrivialEndpoint.BODY, 200_000) / 1000;
            OptionalDouble ratio = wrkRps.isPresent() && wrkRps.getAsDouble() > 0
                    ? OptionalDouble.of(ours.requestsPerSecond() / wrkRps.getAsDouble()) : OptionalDouble.empty();
            return new Report(chat, o.connections(), o.duration(), ours.requestsPerSecond(), ours.errors() + ours.timeouts(),
                    wrkRps, ratio, single.e2e().p50Ms(), wrkP50, bookkeeping, notes);
        }
    }

    private static BenchPlan plan(String url, int streams, Duration warmup, Duration duration) {
        return BenchPlan.builder(url, new LoadShape.ClosedLoop(streams)).model("self-test").warmup(warmup)
                .duration(duration).maxTokens(1).prompts(new PromptSet("self-test", List.of(Prompt.user("hi"))))
                .requestTimeout(Duration.ofSeconds(10)).maxRecords(0).build();
    }
}
