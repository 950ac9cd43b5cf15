package io.inferdeck.tuning.load.selftest;

import io.inferdeck.control.gateway.Gateway;
import io.inferdeck.control.gateway.GatewayConfig;
import io.inferdeck.control.gateway.GatewayExtensions;
import io.inferdeck.control.gateway.Upstream;
import io.inferdeck.control.gateway.filter.TrafficFilter;
import io.inferdeck.control.launch.HealthCheck;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.LoadGenerator;
import io.inferdeck.tuning.load.LoadShape;
import io.inferdeck.tuning.load.Outcome;
import io.inferdeck.tuning.load.Prompt;
import io.inferdeck.tuning.load.PromptSet;
import io.inferdeck.tuning.load.RequestRecord;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * What the InferDeck gateway costs: the generator against the trivial loopback endpoint, direct and through
 * a real {@link Gateway} in front of it (its metrics and request log on, as in every deployment), in the same
 * run on the same cores. Throughput with {@code connections} closed-loop streams; added latency at one stream
 * (no queueing), from every request's e2e. Each comparison runs in the order direct, gateway, gateway, direct
 * (half the window each) so a machine whose load drifts during the run biases neither side.
 */
public final class GatewayOverhead {
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** @param warmup unmeasured load through the gateway first (JIT of client, gateway and endpoint) */
    public record Options(Duration duration, Duration warmup, int connections, Duration latencyRun) {
    }

    /**
     * One side of the comparison.
     *
     * @param requestsPerSecond OK requests per measured second at {@code connections} streams
     * @param cpuMicrosPerRequest CPU time of this whole process (client, endpoint and, on the gateway side, the
     *                          gateway) per request over those runs: unlike the rates, barely moved by other
     *                          processes on the machine
     * @param e2eMs             one stream: every OK request's e2e, ascending (the sample count is its length)
     */
    public record Side(double requestsPerSecond, long failed, double cpuMicrosPerRequest, double[] e2eMs) {
        public double percentileMs(double q) {
            return e2eMs.length == 0 ? Double.NaN : e2eMs[Math.min(e2eMs.length - 1, (int) Math.ceil(q * e2eMs.length) - 1)];
        }
    }

    /**
     * A pass through a gateway with every live-safety stage on.
     *
     * @param label   what the report calls the pass's traffic
     * @param prompts the prompts of run {@code i}: 0 the warm-up, 1-4 the throughput runs, 5-8 the one-stream runs
     *                (direct, gateway, gateway, direct). Every run starts its prompt sequence from the beginning, so
     *                each should get its own draw or range, as traffic that keeps arriving would
     * @param parts   fresh safety parts for this pass's gateway, which owns and closes them
     */
    public record SafetyPass(String label, IntFunction<PromptSet> prompts, Supplier<GatewayExtensions> parts) {
    }

    /**
     * One safety pass's figures.
     *
     * @param direct       the pass's own direct runs (the same prompts, around its gateway runs): what its ratio is
     *                     taken against, since the machine's load may have moved since the plain comparison
     * @param promptSets   the names of the measured gateway runs' prompt sets
     * @param cacheLookups the filter's verdict-cache look-ups during the measured gateway runs, by result (empty:
     *                     the filter keeps no cache)
     */
    public record SafetySide(String label, List<String> promptSets, Side direct, Side side, Map<String, Long> cacheLookups) {
        public double throughputRatio() {
            return side.requestsPerSecond() / direct.requestsPerSecond();
        }
    }

    /** @param safety the passes with every live-safety stage on; empty where none was asked for */
    public record Report(String endpoint, int connections, Side direct, Side gateway, List<SafetySide> safety) {
        public double throughputRatio() {
            return gateway.requestsPerSecond() / direct.requestsPerSecond();
        }

        /** The printed report: throughput of each side and their ratio, latencies with sample counts, added latency. */
        public List<String> lines() {
            return OverheadLines.of(this);
        }
    }

    /** The plain comparison's one prompt: it measures the gateway's own cost, which does not depend on the text. */
    private static final PromptSet HI = new PromptSet("self-test", List.of(Prompt.user("hi")));

    private GatewayOverhead() {
    }

    /**
     * @param scheduler runs the gateways' health checks (asynchronous requests only)
     * @param safety    passes through a gateway with every live-safety stage on (input and output), one after another
     */
    public static Report run(Options o, ScheduledExecutorService scheduler, List<SafetyPass> safety,
                             Consumer<String> log) throws IOException, InterruptedException {
        try (TrivialEndpoint endpoint = new TrivialEndpoint();
             Gateway gateway = gateway(endpoint, GatewayExtensions.NONE);
             LoadGenerator gen = new LoadGenerator(Clock.systemUTC())) {
            gateway.start(scheduler);
            String direct = endpoint.url();
            String via = gateway.baseUrl().toString();
            log.accept("warming up through the gateway, " + o.warmup().toSeconds() + " s ...");
            gen.run(plan(via, o.connections(), o.warmup(), Duration.ofMillis(1), HI), p -> { });
            log.accept("throughput, " + o.connections() + " streams, direct/gateway/gateway/direct, "
                    + o.duration().toSeconds() + " s each side ...");
            Duration half = o.duration().dividedBy(2);
            List<Run> load = abba(gen, direct, via, o.connections(), half, i -> HI);
            log.accept("latency, one stream, direct/gateway/gateway/direct, " + o.latencyRun().toSeconds() + " s each side ...");
            List<Run> single = abba(gen, direct, via, 1, o.latencyRun().dividedBy(2), i -> HI);
            List<SafetySide> filtered = new ArrayList<>();
            for (SafetyPass pass : safety) {
                filtered.add(safetyPass(o, scheduler, pass, endpoint, gen, log));
            }
            return new Report(direct, o.connections(), side(load.get(0), load.get(3), single.get(0), single.get(3)),
                    side(load.get(1), load.get(2), single.get(1), single.get(2)), filtered);
        }
    }

    private static SafetySide safetyPass(Options o, ScheduledExecutorService scheduler, SafetyPass pass,
                                         TrivialEndpoint endpoint, LoadGenerator gen, Consumer<String> log) throws IOException {
        GatewayExtensions parts = pass.parts().get();
        try (Gateway guarded = gateway(endpoint, parts)) {
            guarded.start(scheduler);
            String url = guarded.baseUrl().toString();
            log.accept("every safety stage on, prompts " + pass.label() + ", " + o.warmup().toSeconds() + " s warm-up ...");
            gen.run(plan(url, o.connections(), o.warmup(), Duration.ofMillis(1), pass.prompts().apply(0)), p -> { });
            Map<String, Long> before = lookups(parts);
            List<Run> load = abba(gen, endpoint.url(), url, o.connections(), o.duration().dividedBy(2), i -> pass.prompts().apply(1 + i));
            List<Run> single = abba(gen, endpoint.url(), url, 1, o.latencyRun().dividedBy(2), i -> pass.prompts().apply(5 + i));
            Map<String, Long> during = new TreeMap<>();
            lookups(parts).forEach((k, v) -> during.put(k, v - before.getOrDefault(k, 0L)));
            List<String> names = java.util.stream.IntStream.of(2, 3, 6, 7).mapToObj(i -> pass.prompts().apply(i).name()).toList();
            return new SafetySide(pass.label(), names, side(load.get(0), load.get(3), single.get(0), single.get(3)),
                    side(load.get(1), load.get(2), single.get(1), single.get(2)), during);
        }
    }

    private static Map<String, Long> lookups(GatewayExtensions parts) {
        return parts.safety().map(TrafficFilter::verdictCacheLookups).orElse(Map.of());
    }

    private static Gateway gateway(TrivialEndpoint endpoint, GatewayExtensions parts) {
        return new Gateway(GatewayConfig.defaults("127.0.0.1", 0, Optional.empty()),
                List.of(new Upstream("trivial", URI.create(endpoint.url()), HealthCheck.ok("/health"), () -> true)),
                Clock.systemUTC(), parts);
    }

    /** One run: its result and the process CPU time it took (nanoseconds). */
    private record Run(BenchResult result, long cpuNanos) {
        long requests() {
            return result.warmupRequests() + result.sent();
        }
    }

    /** Runs a, b, b, a; run {@code i} (0-3) sends {@code prompts.apply(i)}. */
    private static List<Run> abba(LoadGenerator gen, String a, String b, int streams, Duration each, IntFunction<PromptSet> prompts) {
        List<Run> out = new ArrayList<>();
        List<String> urls = List.of(a, b, b, a);
        for (int i = 0; i < urls.size(); i++) {
            long cpu = CPU.getProcessCpuTime();
            BenchResult r = gen.run(plan(urls.get(i), streams, Duration.ofMillis(500), each, prompts.apply(i)), p -> { });
            out.add(new Run(r, CPU.getProcessCpuTime() - cpu));
        }
        return out;
    }

    private static Side side(Run run1, Run run2, Run one1, Run one2) {
        BenchResult load1 = run1.result();
        BenchResult load2 = run2.result();
        double rps = (load1.ok() + load2.ok()) / (load1.measuredSeconds() + load2.measuredSeconds());
        long failed = load1.errors() + load1.timeouts() + load2.errors() + load2.timeouts();
        double cpu = (run1.cpuNanos() + run2.cpuNanos()) / 1000.0 / (run1.requests() + run2.requests());
        double[] e2e = java.util.stream.Stream.of(one1, one2).flatMap(r -> r.result().records().stream())
                .filter(r -> !r.warmup() && r.outcome() == Outcome.OK)
                .mapToDouble(r -> r.e2eNanos() / 1e6).sorted().toArray();
        return new Side(rps, failed, cpu, e2e);
    }

    private static BenchPlan plan(String url, int streams, Duration warmup, Duration duration, PromptSet prompts) {
        return BenchPlan.builder(url, new LoadShape.ClosedLoop(streams)).model("self-test").warmup(warmup)
                .duration(duration).maxTokens(1).prompts(prompts)
                .requestTimeout(Duration.ofSeconds(10)).maxRecords(streams == 1 ? 1_000_000 : 0).build();
    }
}
