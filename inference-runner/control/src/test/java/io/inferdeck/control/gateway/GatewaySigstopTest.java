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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, failure 3: requests on a SIGSTOPped replica hung 33.5 s (the router had no upstream timeout). Two
 * real engine processes ({@link FakeEngineMain}, a separate JVM each) behind a gateway; one is stopped with
 * SIGSTOP — its kernel still accepts connections, nothing answers. Every request must be answered by the other
 * one: first through the first-byte timeout (retry before anything reached the client), then because the health
 * check took the stopped one out. And requests already on the replica when it stops are not left waiting for those
 * timeouts: once the health check takes it out, those without a first byte go to the other one and a stream that
 * had started ends at once. Linux: the signals go through kill(1).
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

    @Test
    void requestsInFlightOnAReplicaThatStopsGoToTheOtherOnceTheHealthCheckTakesItOut() throws Exception {
        URI a = engine();
        URI b = engine();
        // the upstream timeouts (60 s) are far beyond the clients' bound (20 s): only taking the replica out ends the calls
        f = new GatewayFixture(GatewayFixture.quick().withUpstreamTimeouts(Duration.ofMillis(500), Duration.ofSeconds(60),
                Duration.ofSeconds(60)), List.of(a, b));
        Upstream u0 = f.gateway.upstreams().all().get(0);
        Upstream u1 = f.gateway.upstreams().all().get(1);
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<String>> streams = new ArrayList<>();
            for (int i = 0; i < 2; i++) {   // one per replica: the second goes where fewer calls are in flight
                CountDownLatch started = new CountDownLatch(1);
                streams.add(clients.submit(() -> stream(started)));
                assertThat(started.await(20, TimeUnit.SECONDS)).as("stream %d started", i).isTrue();
            }
            List<Future<Integer>> chats = new ArrayList<>();
            for (int i = 0; i < 4; i++) {   // answered after 2 s: in flight, two on each replica, when one stops
                chats.add(clients.submit(() -> chat("{\"model\":\"m1\",\"delay_ms\":2000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((u0.calls().size() < 3 || u1.calls().size() < 3) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(List.of(u0.calls().size(), u1.calls().size())).as("calls in flight per replica").containsExactly(3, 3);
            signal(engines.getFirst(), "STOP");

            for (int i = 0; i < chats.size(); i++) {
                assertThat(chats.get(i).get(30, TimeUnit.SECONDS)).as("chat %d", i).isEqualTo(200);
            }
            List<String> ends = new ArrayList<>();
            for (Future<String> s : streams) {
                ends.add(s.get(30, TimeUnit.SECONDS));
            }
            assertThat(ends).as("the stream on the stopped replica is cut, the other one finishes").containsExactlyInAnyOrder("cut", "done");
        } finally {
            clients.shutdownNow();
        }
        assertThat(upstreamErrors("u0", "unhealthy")).as("chats taken off the stopped replica").isEqualTo(2.0);
        List<RequestRecord> log = f.gateway.requestLog().latest(6);
        assertThat(log).filteredOn(r -> r.upstream().equals("u0")).as("the stream cut on the stopped replica")
                .extracting(RequestRecord::outcome).containsExactly(RequestRecord.Outcome.ERROR);
        assertThat(log).filteredOn(r -> r.upstream().equals("u1")).as("the four chats and the other stream")
                .extracting(RequestRecord::outcome).hasSize(5).containsOnly(RequestRecord.Outcome.OK);
    }

    /**
     * One streamed chat through the gateway, read to its end: "done" when [DONE] came, "cut" when the reply broke
     * off. Each read is bounded by the client's 20 s timeout for the headers and the caller's wait for the result.
     */
    private String stream(CountDownLatch started) throws Exception {
        HttpResponse<java.io.InputStream> r = f.http.send(HttpRequest.newBuilder(f.url("/v1/chat/completions"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GatewayFixture.CHAT_STREAM)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                started.countDown();
                if (line.equals("data: [DONE]")) {
                    return "done";
                }
            }
            return "cut";
        } catch (java.io.IOException e) {
            return "cut";
        }
    }

    /** One chat through the gateway; a request that hangs (as before the fix) fails after 20 s instead. */
    private int chat() throws Exception {
        return chat(GatewayFixture.CHAT);
    }

    private int chat(String body) throws Exception {
        return f.http.send(HttpRequest.newBuilder(f.url("/v1/chat/completions")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
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
