package io.inferdeck.tuning.load.selftest;

import io.inferdeck.control.gateway.Gateway;
import io.inferdeck.control.gateway.GatewayConfig;
import io.inferdeck.control.gateway.GatewayExtensions;
import io.inferdeck.control.gateway.Upstream;
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
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

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

    /** @param safety the pass with every live-safety stage on; empty where this build's gateway has none */
    public record Report(String endpoint, int connections, Side direct, Side gateway, Optional<Side> safety) {
        public double throughputRatio() {
            return gateway.requestsPerSecond() / direct.requestsPerSecond();
        }

        /** The printed report: throughput of each side and their ratio, latencies with sample counts, added latency. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add(String.format(Locale.ROOT, "  throughput (%d streams)  direct %,.0f req/s   gateway %,.0f req/s   ratio %.2f "
                    + "(target >= 0.8)   failed %d / %d", connections, direct.requestsPerSecond(), gateway.requestsPerSecond(),
                    throughputRatio(), direct.failed(), gateway.failed()));
            out.add(String.format(Locale.ROOT, "  CPU per request          direct %.1f us   gateway %.1f us   (this process: client, "
                    + "endpoint and gateway; the gateway's share is the difference)", direct.cpuMicrosPerRequest(),
                    gateway.cpuMicrosPerRequest()));
            out.add("  latency (1 stream)       direct  " + latency(direct));
            out.add("                           gateway " + latency(gateway));
            out.add(String.format(Locale.ROOT, "  added by the gateway     p50 %.3f ms (target <= 0.3)   p95 %.3f ms",
                    gateway.percentileMs(0.5) - direct.percentileMs(0.5), gateway.percentileMs(0.95) - direct.percentileMs(0.95)));
            out.add(safety.map(s -> String.format(Locale.ROOT, "  all safety stages on     gateway %,.0f req/s   ratio %.2f "
                    + "(target >= 0.5)   %s", s.requestsPerSecond(), s.requestsPerSecond() / direct.requestsPerSecond(), latency(s)))
                    .orElse("  safety stages: not measured (no safety parts given)"));
            return out;
        }

        private static String latency(Side s) {
            return String.format(Locale.ROOT, "p50 %.3f ms   p95 %.3f ms   (%,d requests)", s.percentileMs(0.5),
                    s.percentileMs(0.95), s.e2eMs().length);
        }
    }

    private GatewayOverhead() {
    }

    /**
     * @param scheduler runs the gateways' health checks (asynchronous requests only)
     * @param safety    the parts of a gateway with every live-safety stage on (input and output); empty = no such pass
     */
    public static Report run(Options o, ScheduledExecutorService scheduler, Optional<GatewayExtensions> safety,
                             Consumer<String> log) throws IOException, InterruptedException {
        try (TrivialEndpoint endpoint = new TrivialEndpoint();
             Gateway gateway = gateway(endpoint, GatewayExtensions.NONE);
             LoadGenerator gen = new LoadGenerator(Clock.systemUTC())) {
            gateway.start(scheduler);
            String direct = endpoint.url();
            String via = gateway.baseUrl().toString();
            log.accept("warming up through the gateway, " + o.warmup().toSeconds() + " s ...");
            gen.run(plan(via, o.connections(), o.warmup(), Duration.ofMillis(1)), p -> { });
            log.accept("throughput, " + o.connections() + " streams, direct/gateway/gateway/direct, "
                    + o.duration().toSeconds() + " s each side ...");
            Duration half = o.duration().dividedBy(2);
            List<Run> load = abba(gen, direct, via, o.connections(), half);
            log.accept("latency, one stream, direct/gateway/gateway/direct, " + o.latencyRun().toSeconds() + " s each side ...");
            List<Run> single = abba(gen, direct, via, 1, o.latencyRun().dividedBy(2));
            Optional<Side> filtered = Optional.empty();
            if (safety.isPresent()) {
                try (Gateway guarded = gateway(endpoint, safety.get())) {
                    guarded.start(scheduler);
                    String url = guarded.baseUrl().toString();
                    log.accept("the same through a gateway with every safety stage on, " + o.warmup().toSeconds() + " s warm-up ...");
                    gen.run(plan(url, o.connections(), o.warmup(), Duration.ofMillis(1)), p -> { });
                    List<Run> guardedLoad = abba(gen, direct, url, o.connections(), half);
                    List<Run> guardedSingle = abba(gen, direct, url, 1, o.latencyRun().dividedBy(2));
                    filtered = Optional.of(side(guardedLoad.get(1), guardedLoad.get(2), guardedSingle.get(1), guardedSingle.get(2)));
                }
            }
            return new Report(direct, o.connections(), side(load.get(0), load.get(3), single.get(0), single.get(3)),
                    side(load.get(1), load.get(2), single.get(1), single.get(2)), filtered);
        }
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

    private static List<Run> abba(LoadGenerator gen, String a, String b, int streams, Duration each) {
        List<Run> out = new ArrayList<>();
        for (String url : List.of(a, b, b, a)) {
            long cpu = CPU.getProcessCpuTime();
            BenchResult r = gen.run(plan(url, streams, Duration.ofMillis(500), each), p -> { });
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

    private static BenchPlan plan(String url, int streams, Duration warmup, Duration duration) {
        return BenchPlan.builder(url, new LoadShape.ClosedLoop(streams)).model("self-test").warmup(warmup)
                .duration(duration).maxTokens(1).prompts(new PromptSet("self-test", List.of(Prompt.user("hi"))))
                .requestTimeout(Duration.ofSeconds(10)).maxRecords(streams == 1 ? 1_000_000 : 0).build();
    }
}
