package io.inferdeck.control.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.common.prom.PromSample;
import io.inferdeck.control.metrics.ParsedMetrics;
import io.inferdeck.control.launch.HealthCheck;
import io.inferdeck.control.supervisor.FreePorts;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routing, retries before the first byte, ejection, hung upstreams and refusals, over real loopback HTTP. */
class GatewayRoutingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestUpstream a;
    private TestUpstream b;
    private GatewayFixture f;

    @AfterEach
    void tearDown() {
        for (AutoCloseable c : new AutoCloseable[] {f, a, b}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void sequentialRequestsAreSharedAndRepliesPassThroughUnchanged() throws Exception {
        a = new TestUpstream("alpha");
        b = new TestUpstream("beta");
        f = new GatewayFixture(GatewayFixture.quick(), List.of(a.baseUrl(), b.baseUrl()));
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = f.post("/v1/chat/completions", GatewayFixture.CHAT);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).path("usage").path("prompt_tokens").asInt()).isEqualTo(7);
        }
        assertThat(a.chats.get()).isPositive();
        assertThat(b.chats.get()).isPositive();
        assertThat(a.chats.get() + b.chats.get()).isEqualTo(10);
        HttpResponse<String> model = f.get("/v1/models/alpha");
        assertThat(model.statusCode()).isEqualTo(200);
        assertThat(model.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void refusedUpstreamIsEjectedAtOnceAndTheRequestRetriedElsewhere() throws Exception {
        a = new TestUpstream("alpha");
        URI dead = URI.create("http://127.0.0.1:" + FreePorts.allocate());   // nothing listens there
        f = new GatewayFixture(GatewayFixture.quick().withHealth(Duration.ofSeconds(60), Duration.ofSeconds(1)),
                List.of(dead, a.baseUrl()));
        for (int i = 0; i < 6; i++) {
            assertThat(f.post("/v1/chat/completions", GatewayFixture.CHAT).statusCode()).isEqualTo(200);
        }
        assertThat(a.chats.get()).isEqualTo(6);
        Upstream deadOne = f.gateway.upstreams().all().getFirst();
        assertThat(deadOne.healthy()).as("ejected without waiting for a health check").isFalse();
        assertThat(upstreamErrors("u0", "refused")).isEqualTo(1.0);
    }

    @Test
    void hungUpstreamIsCutByTheFirstByteTimeoutThenRoutedAroundByTheHealthCheck() throws Exception {
        a = new TestUpstream("alpha");
        b = new TestUpstream("beta");
        b.hang = true;
        f = new GatewayFixture(GatewayFixture.quick(), List.of(a.baseUrl(), b.baseUrl()));
        awaitHealthy(f.gateway.upstreams().all().get(1), false);
        for (int i = 0; i < 5; i++) {
            assertThat(f.post("/v1/chat/completions", GatewayFixture.CHAT).statusCode()).isEqualTo(200);
        }
        assertThat(a.chats.get()).isEqualTo(5);
        assertThat(b.chats.get()).as("the hung upstream took no request once marked unhealthy").isZero();
    }

    @Test
    void hungUpstreamStillHealthyIsRetriedOnAnotherBeforeTheFirstByte() throws Exception {
        a = new TestUpstream("alpha");
        b = new TestUpstream("beta");
        f = new GatewayFixture(GatewayFixture.quick().withHealth(Duration.ofSeconds(60), Duration.ofSeconds(1)),
                List.of(b.baseUrl(), a.baseUrl()));
        b.hang = true;   // after the first health check: the gateway still thinks it healthy
        for (int i = 0; i < 4; i++) {
            assertThat(f.post("/v1/chat/completions", GatewayFixture.CHAT).statusCode()).isEqualTo(200);
        }
        assertThat(a.chats.get()).isEqualTo(4);
        assertThat(upstreamErrors("u0", "timeout")).isPositive();
    }

    @Test
    void callsOnAnUpstreamItsOwnerTakesOutGoToAnotherWithoutWaitingForTheTimeouts() throws Exception {
        a = new TestUpstream("alpha");
        b = new TestUpstream("beta");
        b.hang = true;   // accepts, never answers: a stopped engine
        java.util.concurrent.atomic.AtomicBoolean bReady = new java.util.concurrent.atomic.AtomicBoolean(true);
        var api = io.inferdeck.control.driver.OpenAiSupport.PASS_THROUGH;
        Upstream hung = new Upstream("u0", b.baseUrl(), HealthCheck.ok("/health"), bReady::get, () -> true, api, true);
        Upstream fine = new Upstream("u1", a.baseUrl(), HealthCheck.ok("/health"), () -> true, () -> true, api, true);
        // owner-probed upstreams: the gateway never probes them; only its owner's verdict can take u0 out
        f = GatewayFixture.over(GatewayFixture.quick().withUpstreamTimeouts(Duration.ofMillis(500), Duration.ofSeconds(60),
                Duration.ofSeconds(60)), List.of(hung, fine));
        fine.eject();   // the first request must go to the hung one
        var reply = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return f.post("/v1/chat/completions", GatewayFixture.CHAT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (hung.calls().size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(hung.calls().size()).as("the request waits on the hung upstream").isEqualTo(1);
        f.gateway.probePassed(fine);   // lifts the ejection
        bReady.set(false);   // its owner's probe failed: Degraded
        f.gateway.upstreamsChanged();
        HttpResponse<String> r = reply.get(20, java.util.concurrent.TimeUnit.SECONDS);   // the upstream timeouts are 60 s
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("model").asText()).isEqualTo("alpha");
        assertThat(upstreamErrors("u0", "unhealthy")).isEqualTo(1.0);
        assertThat(hung.calls().size()).isZero();
    }

    @Test
    void allUpstreamsDownAnswers503InOpenAiShapeWithinOneSecond() throws Exception {
        a = new TestUpstream("alpha");
        f = new GatewayFixture(GatewayFixture.quick(), List.of(a.baseUrl()));
        a.close();
        long start = System.nanoTime();
        HttpResponse<String> r = f.post("/v1/chat/completions", GatewayFixture.CHAT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(millis).isLessThan(1000);
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("unavailable_error");
        assertThat(error.has("param")).isTrue();
        assertThat(f.get("/health").statusCode()).isEqualTo(503);
    }

    @Test
    void oversizedBodyIs413AndMissingKeyIs401BothAsJson() throws Exception {
        a = new TestUpstream("alpha");
        f = new GatewayFixture(GatewayFixture.quick().withMaxBodyBytes(1024), List.of(a.baseUrl()));
        HttpResponse<String> big = f.post("/v1/chat/completions", "{\"messages\":[{\"content\":\"" + "x".repeat(4096) + "\"}]}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(big.body()).path("error").path("code").asText()).isEqualTo("request_too_large");
        assertThat(a.chats.get()).isZero();
        f.close();
        GatewayConfig keyed = GatewayConfig.defaults("127.0.0.1", 0, Optional.of("s3cret"));
        f = new GatewayFixture(keyed, List.of(a.baseUrl()));
        HttpResponse<String> denied = f.post("/v1/chat/completions", GatewayFixture.CHAT);
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(denied.body()).path("error").path("type").asText()).isEqualTo("authentication_error");
        assertThat(f.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(f.get("/health").statusCode()).isEqualTo(200);
    }

    private double upstreamErrors(String upstream, String reason) throws Exception {
        return ParsedMetrics.parse(f.get("/metrics").body()).series("inferdeck_gateway_upstream_errors_total").stream()
                .filter(s -> upstream.equals(s.label("upstream")) && reason.equals(s.label("reason")))
                .mapToDouble(PromSample::value).sum();
    }

    private static void awaitHealthy(Upstream u, boolean healthy) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (u.healthy() != healthy && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(u.healthy()).isEqualTo(healthy);
    }
}
