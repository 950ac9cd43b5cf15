package io.inferdeck.control.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.common.prom.PromSample;
import io.inferdeck.control.metrics.ParsedMetrics;
import io.inferdeck.control.supervisor.FakeEngineMain;
import io.inferdeck.control.supervisor.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, failure 3: requests on a SIGSTOPped replica hung 33.5 s (the router had no upstream timeout). Two
 * real engine processes ({@link FakeEngineMain}, a separate JVM each) behind a gateway; one is stopped with
 * SIGSTOP — its kernel still accepts connections, nothing answers. Every request must be answered by the other
 * one: first through the first-byte timeout (retry before anything reached the client), then because the health
 * check took the stopped one out. Linux: the signals go through kill(1).
 */
class GatewaySigstopTest {
    private final List<Process> engines = new ArrayList<>();
    private GatewayFixture f;

    @AfterEach
    void tearDown() throws Exception {
        if (f != null) {
            f.close();
        }
        for (Process p : engines) {
            signal(p, "CONT");
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void aStoppedReplicaIsCutByTheFirstByteTimeoutThenLeftOutByTheHealthCheck() throws Exception {
        URI a = engine();
        URI b = engine();
        f = new GatewayFixture(GatewayFixture.quick().withHealth(Duration.ofSeconds(60), Duration.ofSeconds(1)), List.of(a, b));
        signal(engines.getFirst(), "STOP");
        Path stat = Path.of("/proc/" + engines.getFirst().pid() + "/stat");
        for (int i = 0; i < 250 && !state(stat).equals("T"); i++) {
            Thread.sleep(20);   // the signal is delivered asynchronously
        }
        assertThat(state(stat)).as("process state of the stopped engine").isEqualTo("T");
        for (int i = 0; i < 4; i++) {
            assertThat(chat()).as("request %d", i).isEqualTo(200);
        }
        assertThat(upstreamErrors("u0", "timeout")).as("requests cut on the stopped replica").isPositive();
        f.close();

        // with the active health check running (every 200 ms, 1 s timeout) the stopped replica is marked unhealthy
        f = new GatewayFixture(GatewayFixture.quick(), List.of(a, b));
        Upstream stopped = f.gateway.upstreams().all().getFirst();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (stopped.healthy() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(stopped.healthy()).as("the stopped replica is out of rotation").isFalse();
        for (int i = 0; i < 4; i++) {
            assertThat(chat()).isEqualTo(200);
        }
        assertThat(upstreamErrors("u0", "timeout")).as("no request was sent to it any more").isZero();
    }

    /** One chat through the gateway; a request that hangs (as before the fix) fails after 20 s instead. */
    private int chat() throws Exception {
        return f.http.send(HttpRequest.newBuilder(f.url("/v1/chat/completions")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(GatewayFixture.CHAT))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Starts a fake engine on a free loopback port and waits (bounded) for its /health. */
    private URI engine() throws Exception {
        int port = FreePorts.allocate();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), FakeEngineMain.class.getName(), "llamacpp-1.txt",
                "--host", "127.0.0.1", "--port", Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        engines.add(p);
        URI base = URI.create("http://127.0.0.1:" + port);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try {
                    HttpRequest health = HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(2)).build();
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return base;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                assertThat(p.isAlive()).as("fake engine on port %d alive", port).isTrue();
                assertThat(System.nanoTime()).as("fake engine on port %d answered /health in time", port).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    /** The state letter of /proc/PID/stat (the field after the parenthesised command name). */
    private static String state(Path stat) throws java.io.IOException {
        String s = Files.readString(stat);
        return s.substring(s.lastIndexOf(')') + 2, s.lastIndexOf(')') + 3);
    }

    private static void signal(Process p, String name) throws Exception {
        if (p.isAlive()) {
            assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start().waitFor()).isZero();
        }
    }

    private double upstreamErrors(String upstream, String reason) throws Exception {
        return ParsedMetrics.parse(f.get("/metrics").body()).series("inferdeck_gateway_upstream_errors_total").stream()
                .filter(s -> upstream.equals(s.label("upstream")) && reason.equals(s.label("reason")))
                .mapToDouble(PromSample::value).sum();
    }
}
