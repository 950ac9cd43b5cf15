package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.inferdeck.control.metrics.GatewayMetricNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code metrics --url} against a loopback HTTP server that serves engine-format metrics files
 * in sequence (counters advance between scrapes). A fake clock moves by exactly the interval, so
 * the expected rates and percentiles are exact: see the deltas noted below.
 */
class MetricsCommandTest {
    private HttpServer server;
    private final FakeClock clock = new FakeClock();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private String serve(String... files) throws IOException {
        String[] pages = new String[files.length];
        for (int i = 0; i < files.length; i++) {
            pages[i] = fixture(files[i]);
        }
        return serveText(pages);
    }

    private static String fixture(String file) throws IOException {
        try (InputStream in = MetricsCommandTest.class.getResourceAsStream("metrics/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Serves the pages in sequence, the last one from then on. */
    private String serveText(String... pages) throws IOException {
        if (server != null) {
            server.stop(0);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger next = new AtomicInteger();
        server.createContext("/metrics", ex -> {
            byte[] body = pages[Math.min(next.getAndIncrement(), pages.length - 1)].getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int run(CommandLine cmd, String... args) {
        InferDeckCli.configure(cmd);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private int runWithFakeClock(String... args) {
        return run(new CommandLine(new MetricsCommand(clock, clock::advance)), args);
    }

    @Test
    void vllmJsonLines() throws Exception {
        String url = serve("vllm-1.txt", "vllm-2.txt", "vllm-3.txt");
        assertThat(runWithFakeClock("--url", url, "--interval", "1s", "--count", "2", "--json")).isEqualTo(0);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < 2; i++) {
            JsonNode j = mapper.readTree(lines.get(i));
            assertThat(j.get("engine").asText()).isEqualTo("vllm");
            assertThat(j.get("windowSeconds").asDouble()).isEqualTo(i + 1.0);
            // per 1 s scrape: request_success_total +20, http 5xx +1, prompt +10000, generation +5000
            assertThat(j.get("qps").asDouble()).isCloseTo(20.0, within(1e-9));
            assertThat(j.get("errorsPerSec").asDouble()).isCloseTo(1.0, within(1e-9));
            assertThat(j.get("tokensInPerSec").asDouble()).isCloseTo(10000.0, within(1e-9));
            assertThat(j.get("tokensOutPerSec").asDouble()).isCloseTo(5000.0, within(1e-9));
            // e2e bucket delta per scrape: <=1:6 <=1.5:14 <=2:18 <=2.5:19 <=10:20
            JsonNode e2e = j.get("e2eSeconds");
            assertThat(e2e.get("p50").asDouble()).isCloseTo(1.25, within(1e-9));
            assertThat(e2e.get("p95").asDouble()).isCloseTo(2.5, within(1e-9));
            assertThat(e2e.get("p99").asDouble()).isCloseTo(9.0, within(1e-9));
            assertThat(e2e.get("observations").asDouble()).isEqualTo(20.0 * (i + 1));
            // ttft bucket delta per scrape: <=.04:8 <=.06:16 <=.08:19 <=.1:20
            assertThat(j.get("ttftSeconds").get("p50").asDouble()).isCloseTo(0.045, within(1e-9));
            assertThat(j.get("ttftSeconds").get("p99").asDouble()).isCloseTo(0.096, within(1e-9));
            assertThat(j.get("running").asDouble()).isEqualTo(4.0);
            assertThat(j.get("kvCacheUsage").asDouble()).isCloseTo(0.4, within(1e-9));
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void llamaCppTable() throws Exception {
        String url = serve("llamacpp-1.txt", "llamacpp-2.txt");
        assertThat(runWithFakeClock("--url", url + "/metrics", "--interval", "500ms", "--count", "1")).isEqualTo(0);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("time").contains("qps", "tok/s out", "e2e p50/p95/p99 ms", "hit%", "sources");
        // +500 prompt and +250 predicted tokens in 0.5 s; llama.cpp exports no request counter or latency histograms,
        // no gateway in front: no cache hit rate, every figure from the engine
        assertThat(lines.get(1).split("\\s+")).containsExactly(
                "12:00:00", "llama.cpp", "n/a", "n/a", "1000.0", "500.0", "n/a", "n/a", "2", "1", "6.3", "n/a", "llama.cpp");
    }

    /**
     * The gateway's own families (names from {@link GatewayMetricNames}): {@code ok} completed requests and
     * cumulative e2e / TTFT counts at le 0.5 and 1 s.
     */
    private static String gatewayPage(int ok, int e2eHalf, int e2eOne, int ttftHalf, int ttftOne) {
        String requests = GatewayMetricNames.REQUESTS + "_total";
        return "# TYPE " + requests + " counter\n" + requests + "{upstream=\"r1\",outcome=\"ok\"} " + ok + "\n"
                + histogram(GatewayMetricNames.E2E, e2eHalf, e2eOne) + histogram(GatewayMetricNames.TTFT, ttftHalf, ttftOne);
    }

    private static String histogram(String family, int half, int one) {
        return "# TYPE " + family + " histogram\n" + family + "_bucket{le=\"0.5\"} " + half + "\n"
                + family + "_bucket{le=\"1.0\"} " + one + "\n" + family + "_bucket{le=\"+Inf\"} " + one + "\n"
                + family + "_count " + one + "\n";
    }

    @Test
    void remoteEngineWithoutMetricsReadsTheGatewaysFiguresAndSaysSo() throws Exception {
        String url = serveText(gatewayPage(0, 0, 0, 0, 0), gatewayPage(10, 2, 10, 6, 10));
        assertThat(runWithFakeClock("--url", url, "--interval", "2s", "--count", "1", "--json")).isEqualTo(0);
        JsonNode j = new ObjectMapper().readTree(out.toString().strip());
        assertThat(j.get("engine").asText()).isEqualTo("gateway");
        assertThat(j.get("qps").asDouble()).isCloseTo(5.0, within(1e-9));   // +10 ok in 2 s
        // e2e delta <=0.5:2 <=1:10 -> p50 0.5+0.5*3/8, p95 0.5+0.5*7.5/8, p99 0.5+0.5*7.9/8
        assertThat(j.get("e2eSeconds").get("p50").asDouble()).isCloseTo(0.6875, within(1e-9));
        assertThat(j.get("e2eSeconds").get("p95").asDouble()).isCloseTo(0.96875, within(1e-9));
        assertThat(j.get("e2eSeconds").get("p99").asDouble()).isCloseTo(0.99375, within(1e-9));
        // ttft delta <=0.5:6 <=1:10 -> p50 0.5*5/6
        assertThat(j.get("ttftSeconds").get("p50").asDouble()).isCloseTo(0.5 * 5 / 6, within(1e-9));
        JsonNode sources = j.get("sources");
        for (String figure : List.of("qps", "e2eSeconds", "ttftSeconds")) {
            assertThat(sources.get(figure).asText()).as(figure).isEqualTo("gateway");
        }
        assertThat(j.get("kvCacheUsage").isNull()).isTrue();
        assertThat(sources.get("kvCacheUsage").isNull()).isTrue();
        assertThat(sources.get("tokensOutPerSec").isNull()).isTrue();
    }

    @Test
    void engineFiguresBehindTheGatewayComeFromTheEngine() throws Exception {
        String url = serveText(gatewayPage(0, 0, 0, 0, 0) + fixture("llamacpp-1.txt"),
                gatewayPage(10, 2, 10, 6, 10) + fixture("llamacpp-2.txt"));
        assertThat(runWithFakeClock("--url", url, "--interval", "500ms", "--count", "1", "--json")).isEqualTo(0);
        JsonNode j = new ObjectMapper().readTree(out.toString().strip());
        assertThat(j.get("engine").asText()).isEqualTo("llama.cpp");
        assertThat(j.get("tokensInPerSec").asDouble()).isCloseTo(1000.0, within(1e-9)); // llama.cpp's +500 in 0.5 s
        assertThat(j.get("sources").get("tokensInPerSec").asText()).isEqualTo("engine");
        assertThat(j.get("sources").get("running").asText()).isEqualTo("engine");
        assertThat(j.get("qps").asDouble()).isCloseTo(20.0, within(1e-9));              // the gateway's +10 in 0.5 s
        assertThat(j.get("sources").get("qps").asText()).isEqualTo("gateway");
        assertThat(j.get("sources").get("e2eSeconds").asText()).isEqualTo("gateway");
    }

    /** {@link #gatewayPage} with the response cache's lookup counter: {@code hits} of {@code hits + misses}. */
    private static String cachedGatewayPage(int ok, int hits, int misses) {
        String lookups = GatewayMetricNames.CACHE_LOOKUPS + "_total";
        return gatewayPage(ok, ok, ok, ok, ok) + "# TYPE " + lookups + " counter\n"
                + lookups + "{result=\"hit\"} " + hits + "\n" + lookups + "{result=\"miss\"} " + misses + "\n";
    }

    /** The hit% column's text in a table row (right-aligned under the header's "hit%"). */
    private String hitColumn(String header, String row) {
        int end = header.indexOf("hit%") + "hit%".length();
        return row.substring(end - 5, end).strip();
    }

    @Test
    void tableShowsTheGatewayCacheHitRateAndWhoMeasuredTheFigures() throws Exception {
        String url = serveText(cachedGatewayPage(0, 3, 7), cachedGatewayPage(20, 18, 12));   // +15 hits of +20 lookups
        assertThat(runWithFakeClock("--url", url, "--interval", "2s", "--count", "1")).isEqualTo(0);
        List<String> lines = out.toString().lines().toList();
        assertThat(hitColumn(lines.get(0), lines.get(1))).isEqualTo("75.0");
        assertThat(lines.get(1)).contains("10.00", "(20)")   // +20 ok in 2 s; the percentiles rest on those 20
                .endsWith("gateway only");

        out.getBuffer().setLength(0);
        url = serveText(cachedGatewayPage(0, 3, 7), cachedGatewayPage(20, 18, 12));
        assertThat(runWithFakeClock("--url", url, "--interval", "2s", "--count", "1", "--json")).isEqualTo(0);
        JsonNode j = new ObjectMapper().readTree(out.toString().strip());
        assertThat(j.get("cacheHitRate").get("ratio").asDouble()).isCloseTo(0.75, within(1e-9));
        assertThat(j.get("cacheHitRate").get("lookups").asLong()).isEqualTo(20);
        assertThat(j.get("sources").get("cacheHitRate").asText()).isEqualTo("gateway");
    }

    @Test
    void hitRateIsNotAvailableNeverZeroWhileTheCacheIsOffOrUnasked() throws Exception {
        String url = serveText(gatewayPage(0, 0, 0, 0, 0), gatewayPage(10, 2, 10, 6, 10));   // no cache families at all
        assertThat(runWithFakeClock("--url", url, "--interval", "2s", "--count", "1")).isEqualTo(0);
        List<String> lines = out.toString().lines().toList();
        assertThat(hitColumn(lines.get(0), lines.get(1))).isEqualTo("n/a");

        out.getBuffer().setLength(0);
        url = serveText(cachedGatewayPage(0, 3, 7), cachedGatewayPage(20, 3, 7));   // cache on, nobody asked it
        assertThat(runWithFakeClock("--url", url, "--interval", "2s", "--count", "1")).isEqualTo(0);
        lines = out.toString().lines().toList();
        assertThat(hitColumn(lines.get(0), lines.get(1))).isEqualTo("n/a");
        out.getBuffer().setLength(0);
        assertThat(runWithFakeClock("--url", url, "--interval", "2s", "--count", "1", "--json")).isEqualTo(0);
        assertThat(new ObjectMapper().readTree(out.toString().strip()).get("cacheHitRate").isNull()).isTrue();
    }

    @Test
    void registeredUnderTheRootCommand() throws Exception {
        String url = serve("vllm-1.txt", "vllm-2.txt");
        assertThat(run(new CommandLine(new InferDeckCommand()), "metrics", "--url", url, "--interval", "50ms",
                "--count", "1", "--json")).isEqualTo(0);
        JsonNode j = new ObjectMapper().readTree(out.toString().strip());
        assertThat(j.get("qps").asDouble()).isPositive(); // real clock: the value depends on the real interval
    }

    @Test
    void unreachableEngineAndBadArguments() throws Exception {
        String url = serve("vllm-1.txt");
        server.stop(0);
        server = null;
        assertThat(runWithFakeClock("--url", url, "--count", "1")).isEqualTo(1);
        assertThat(err.toString()).startsWith("inferdeck metrics: cannot scrape " + url + "/metrics: connection refused");
        assertThat(out.toString()).isEmpty();

        assertThat(runWithFakeClock("--url", "localhost:8080")).isEqualTo(2);
        assertThat(err.toString()).contains("--url: not an http(s) URL");
        assertThat(runWithFakeClock("--url", url, "--interval", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration");
    }

    @Test
    void durations() {
        DurationConverter c = new DurationConverter();
        assertThat(c.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(c.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(c.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
    }

    /** Moves only when told; the command's sleeper advances it by the interval. */
    private static final class FakeClock extends Clock {
        private Instant now = Instant.parse("2025-06-01T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
