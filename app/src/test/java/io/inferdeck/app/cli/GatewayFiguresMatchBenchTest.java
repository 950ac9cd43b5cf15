package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.gateway.RequestRecord;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.supervisor.Deployment;
import io.inferdeck.control.supervisor.FreePorts;
import io.inferdeck.control.supervisor.RestartPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 14's promise for engines that measure nothing: a {@code remote} profile attached to an engine with no
 * {@code /metrics} at all ({@link SpreadLatencyEngine}), served through its gateway; {@code metrics --url
 * GATEWAY --json} reports QPS, P50/P95/P99 e2e and TTFT within ±5 % of what {@code bench} measured on the
 * client side over the same run. One run, two checks of it (printed as one table).
 *
 * <p>Same population: a short bench goes through before the baseline scrape (a labelled series appears with its
 * first observation, as in Prometheus, so the first scrape needs one; and bench's classes are loaded by then, so
 * the scrape interval holds the run rather than a cold start); between the two scrapes of {@code metrics} runs
 * exactly the measured bench (no warm-up, {@code --model} given so it asks nothing else).
 *
 * <p>What differs between the two sides, honestly: (a) the gateway's reporting — percentiles interpolated inside
 * {@code LatencyBuckets}, QPS over the scrape interval, which also spans bench's start and end — checked against
 * the gateway's own exact per-request values (its request log) on any machine; (b) what lies outside the gateway:
 * the client's e2e and TTFT also hold the loopback round trip, the client's own scheduling and, before a request's
 * headers are parsed, the gateway's socket reads (its first timestamp). That is a few milliseconds against a
 * median near a second when the client gets a core (2.7 ms of TTFT P50 in a quiet moment), and whatever the
 * scheduler makes those threads wait when it does not: with a load average of 22-27 on 2 cores, bench's TTFT
 * P50 was 20 ms above the engine's own delay when bench called the engine directly, and 58 ms above the
 * gateway's exact value through the gateway. That measures the machine, so the comparison with bench runs where
 * the load average stayed within {@value #LOAD_PER_CORE} per core during the run, and says so (with the table) when
 * it is skipped: on 2 shared cores every figure agreed within 1 % at load averages of 4.7 and 8.8 and within 2.5 %
 * at 23.7, and was 7 % off at 22.5 (docs/performance.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayFiguresMatchBenchTest {
    private static final int REQUESTS = 480;
    /** Above this load average per core the client's own waiting may exceed the 5 % (see the class comment). */
    private static final double LOAD_PER_CORE = 5.0;
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-supervisor"));
    private final List<AutoCloseable> open = new ArrayList<>();
    private JsonNode bench;
    private JsonNode metrics;
    private List<RequestRecord> logged;
    private double highestLoad;

    @BeforeAll
    void oneBenchBetweenTwoScrapes() throws Exception {
        SpreadLatencyEngine engine = new SpreadLatencyEngine(14);
        open.add(engine);
        Deployment d = new Deployment(DeploymentProfile.builder().engine(EngineKind.REMOTE).name("remote")
                .baseUrl(engine.url().toString()).port(FreePorts.allocate()).build(), LaunchContext.forThisJvm(), dir,
                new EngineTarget(), exec, RestartPolicy.DEFAULT, Clock.systemUTC());
        open.add(d);
        d.start();
        assertThat(d.awaitReady(Duration.ofSeconds(10))).isEmpty();
        String gateway = d.frontUrl().toString();
        bench(gateway, 32, dir.resolve("warm-up.json"));

        Path benchJson = dir.resolve("bench.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        highestLoad = load();
        // metrics scrapes, "waits" by running the bench, scrapes again and prints the figures of that interval
        CommandLine cmd = new CommandLine(new MetricsCommand(Clock.systemUTC(), interval -> bench(gateway, REQUESTS, benchJson)))
                .registerConverter(Duration.class, new DurationConverter());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute("--url", gateway, "--json", "--count", "1", "--window", "10m")).as(err.toString()).isZero();
        highestLoad = Math.max(highestLoad, load());
        metrics = JSON.readTree(out.toString().strip().lines().toList().getLast());
        bench = JSON.readTree(Files.readString(benchJson));
        logged = d.gateway().requestLog().latest(REQUESTS);
        System.out.println(table());
    }

    @AfterAll
    void tearDown() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        exec.shutdownNow();
    }

    @Test
    void theGatewayReportsExactlyTheBenchsRequestsAndItsPercentilesWithinFivePercentOfItsOwnExactValues() {
        assertThat(bench.path("requests").path("ok").asLong()).isEqualTo(REQUESTS);
        assertThat(metrics.path("engine").asText()).isEqualTo("gateway");
        assertThat(metrics.path("sources").path("qps").asText()).isEqualTo("gateway");
        assertThat(metrics.path("e2eSeconds").path("observations").asDouble()).as("the same population").isEqualTo(REQUESTS);
        assertThat(metrics.path("ttftSeconds").path("observations").asDouble()).isEqualTo(REQUESTS);
        assertThat(metrics.path("qps").asDouble() * metrics.path("windowSeconds").asDouble())
                .as("QPS × scrape interval = the requests in it").isCloseTo(REQUESTS, org.assertj.core.data.Offset.offset(0.5));
        assertThat(outside(Side.EXACT)).as(table()).isEmpty();
    }

    @Test
    void theGatewaysQpsAndPercentilesAreWithinFivePercentOfWhatBenchMeasured() {
        int cores = Runtime.getRuntime().availableProcessors();
        Assumptions.assumeTrue(highestLoad <= LOAD_PER_CORE * cores, String.format(Locale.ROOT, "load average %.1f on %d cores during "
                + "the run: the client's own waiting would be measured, not the gateway (see the class comment)\n%s",
                highestLoad, cores, table()));
        assertThat(outside(Side.BENCH)).as(table()).isEmpty();
    }

    /** What the gateway's /metrics figures are compared with. */
    private enum Side { BENCH, EXACT }

    /**
     * The rows whose /metrics figure is more than 5 % off {@code side}'s. Against the exact values QPS is left to
     * the count check: its denominator is the scrape interval by definition, not the span the requests took.
     */
    private List<String> outside(Side side) {
        return rows().stream().filter(r -> side == Side.BENCH || !r.figure().equals("QPS"))
                .filter(r -> !(Math.abs(r.metrics() / (side == Side.BENCH ? r.bench() : r.exact()) - 1) <= 0.05))
                .map(Row::text).toList();
    }

    private record Row(String figure, double bench, double exact, double metrics) {
        String text() {
            return String.format(Locale.ROOT, "  %-12s %9.2f   %9.2f   %9.2f   %+6.2f %%   %+6.2f %%", figure, bench, exact, metrics,
                    (metrics / bench - 1) * 100, (metrics / exact - 1) * 100);
        }
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>(List.of(new Row("QPS", bench.path("throughput").path("requests_per_s").asDouble(),
                REQUESTS / loggedSeconds(), metrics.path("qps").asDouble())));
        for (String p : List.of("p50", "p95", "p99")) {
            double q = Double.parseDouble(p.substring(1)) / 100;
            rows.add(new Row("e2e " + p + " ms", bench.path("latency_ms").path("e2e").path(p).asDouble(),
                    rank(RequestRecord::e2eMs, q), metrics.path("e2eSeconds").path(p).asDouble() * 1000));
            rows.add(new Row("TTFT " + p + " ms", bench.path("latency_ms").path("ttft").path(p).asDouble(),
                    rank(r -> r.ttftMs().orElseThrow(), q), metrics.path("ttftSeconds").path(p).asDouble() * 1000));
        }
        return rows;
    }

    private String table() {
        List<String> lines = new ArrayList<>();
        lines.add("bench (client) vs the gateway's exact values (request log) and metrics --url GATEWAY --json, " + REQUESTS + " requests:");
        lines.add(String.format(Locale.ROOT, "  %-12s %9s   %9s   %9s   %8s   %8s", "figure", "bench", "gw exact", "gw metrics",
                "vs bench", "vs exact"));
        rows().forEach(r -> lines.add(r.text()));
        lines.add(String.format(Locale.ROOT, "  scrape interval %.3f s, bench window %.3f s, highest load average %.1f on %d cores",
                metrics.path("windowSeconds").asDouble(), bench.path("measured_seconds").asDouble(), highestLoad,
                Runtime.getRuntime().availableProcessors()));
        return String.join("\n", lines);
    }

    private static void bench(String gateway, int requests, Path json) {
        StringWriter out = new StringWriter();
        CommandLine bench = new CommandLine(new BenchCommand()).registerConverter(Duration.class, new DurationConverter());
        bench.setOut(new PrintWriter(out, true));
        bench.setErr(new PrintWriter(out, true));
        int exit = bench.execute("--url", gateway, "--concurrency", "32", "--requests", Integer.toString(requests),
                "--model", SpreadLatencyEngine.MODEL, "--max-tokens", "8", "--timeout", "30s", "--json", json.toString(),
                "--no-history", "--no-progress");
        assertThat(exit).as(out.toString()).isZero();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** First arrival to last finish of the logged requests, as the gateway clocked them. */
    private double loggedSeconds() {
        double first = logged.stream().mapToDouble(r -> r.at().toEpochMilli() - r.e2eMs()).min().orElseThrow();
        double last = logged.stream().mapToDouble(r -> r.at().toEpochMilli()).max().orElseThrow();
        return (last - first) / 1000;
    }

    /** Nearest rank over the logged requests, as the bench's HdrHistogram reads a percentile. */
    private double rank(ToDoubleFunction<RequestRecord> value, double q) {
        double[] v = logged.stream().mapToDouble(value).sorted().toArray();
        return v[Math.max(0, (int) Math.ceil(q * v.length) - 1)];
    }
}
