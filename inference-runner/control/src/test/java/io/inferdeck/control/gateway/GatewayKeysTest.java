package io.inferdeck.control.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.control.gateway.keys.KeyGate;
import io.inferdeck.control.gateway.keys.KeyLimits;
import io.inferdeck.control.gateway.keys.KeyStore;
import io.inferdeck.control.gateway.keys.KeyUsage;
import io.inferdeck.control.gateway.keys.NewKey;
import io.inferdeck.common.prom.PromSample;
import io.inferdeck.control.metrics.ParsedMetrics;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys with per-key limits, end to end: a real gateway and a loopback engine, keys from a real keys.db. */
class GatewayKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROFILE_KEY = "profile-key-0123456789";

    @TempDir
    Path dir;

    private TestUpstream engine;
    private KeyStore store;
    private KeyGate gate;
    private GatewayFixture f;

    @BeforeEach
    void setUp() throws Exception {
        engine = new TestUpstream("alpha");
        store = KeyStore.open(dir.resolve("keys.db"), Clock.systemUTC());
        gate = new KeyGate(store, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
        gate.close();
        store.close();
        engine.close();
    }

    private void gateway(Optional<String> profileKey) throws Exception {
        gateway(profileKey, Duration.ofMillis(500));
    }

    /** As {@link GatewayFixture#quick()}, with the profile's apiKey, which reaches the admission as Deployment maps it. */
    private void gateway(Optional<String> profileKey, Duration firstByteTimeout) throws Exception {
        GatewayConfig config = GatewayConfig.defaults("127.0.0.1", 0, profileKey)
                .withUpstreamTimeouts(Duration.ofMillis(500), firstByteTimeout, Duration.ofSeconds(2))
                .withHealth(Duration.ofMillis(200), Duration.ofSeconds(1));
        f = new GatewayFixture(config, List.of(engine.baseUrl()), () -> false, GatewayExtensions.admission(gate::admission));
    }

    private HttpResponse<String> chat(String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(f.url("/v1/chat/completions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return f.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).path("error");
    }

    @Test
    void aValidKeyIsServedUnderItsIdAndTheEngineNeverSeesIt() throws Exception {
        NewKey k = store.add("ci", KeyLimits.UNLIMITED);
        gateway(Optional.of(PROFILE_KEY));
        assertThat(chat(k.secret(), GatewayFixture.CHAT).statusCode()).isEqualTo(200);
        assertThat(engine.lastAuthorization).as("the engine gets the profile's key, not the client's").isEqualTo("Bearer " + PROFILE_KEY);
        JsonNode newest = JSON.readTree(f.get("/inferdeck/requests?limit=1").body()).path("requests").get(0);
        assertThat(newest.path("keyId").asText()).isEqualTo(k.key().id());
        assertThat(requests(k.key().id(), "200")).isEqualTo(1);

        assertThat(chat(PROFILE_KEY, GatewayFixture.CHAT).statusCode()).as("the profile key still admits").isEqualTo(200);
        assertThat(requests("profile", "200")).isEqualTo(1);
    }

    @Test
    void withoutAProfileKeyTheEngineGetsNoKeyAtAll() throws Exception {
        NewKey k = store.add("ci", KeyLimits.UNLIMITED);
        gateway(Optional.empty());
        assertThat(chat(k.secret(), GatewayFixture.CHAT).statusCode()).isEqualTo(200);
        assertThat(engine.lastAuthorization).isEmpty();
    }

    @Test
    void missingInvalidAndRevokedKeysAre401InOpenAisShape() throws Exception {
        NewKey k = store.add("ci", KeyLimits.UNLIMITED);
        gateway(Optional.empty());
        for (String bad : new String[] {null, "idk-not-a-key", k.secret() + "x"}) {
            HttpResponse<String> r = chat(bad, GatewayFixture.CHAT);
            assertThat(r.statusCode()).as(String.valueOf(bad)).isEqualTo(401);
            assertThat(error(r).path("type").asText()).isEqualTo("authentication_error");
            assertThat(error(r).path("code").asText()).isEqualTo("invalid_api_key");
        }
        assertThat(chat(k.secret(), GatewayFixture.CHAT).statusCode()).isEqualTo(200);
        store.revoke("ci");
        HttpResponse<String> revoked = chat(k.secret(), GatewayFixture.CHAT);
        assertThat(revoked.statusCode()).as("revoked in this process: at once").isEqualTo(401);
        assertThat(error(revoked).path("message").asText()).contains("revoked");
        assertThat(engine.chats.get()).isEqualTo(1);
    }

    @Test
    void aRevocationByAnotherProcessTakesEffectAtTheNextRefresh() throws Exception {
        NewKey k = store.add("ci", KeyLimits.UNLIMITED);
        gateway(Optional.empty());
        assertThat(chat(k.secret(), GatewayFixture.CHAT).statusCode()).isEqualTo(200);
        try (KeyStore other = KeyStore.open(dir.resolve("keys.db"), Clock.systemUTC())) {   // its own connection, as `keys revoke` has
            other.revoke(k.key().id());
        }
        assertThat(chat(k.secret(), GatewayFixture.CHAT).statusCode()).as("not re-read yet").isEqualTo(200);
        gate.refresh();
        assertThat(chat(k.secret(), GatewayFixture.CHAT).statusCode()).isEqualTo(401);
    }

    @Test
    void requestsPerMinuteOverTheLimitAre429WithRetryAfter() throws Exception {
        NewKey k = store.add("ci", KeyLimits.of(2, null, null));
        NewKey other = store.add("other", KeyLimits.of(2, null, null));
        gateway(Optional.empty());
        assertThat(chat(k.secret(), GatewayFixture.CHAT).statusCode()).isEqualTo(200);
        assertThat(chat(k.secret(), GatewayFixture.CHAT).statusCode()).isEqualTo(200);
        HttpResponse<String> third = chat(k.secret(), GatewayFixture.CHAT);
        assertThat(third.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(error(third).path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error(third).path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error(third).path("message").asText()).contains("2 requests per minute");
        assertThat(engine.chats.get()).isEqualTo(2);
        assertThat(chat(other.secret(), GatewayFixture.CHAT).statusCode()).as("limits are per key").isEqualTo(200);
        assertThat(requests(k.key().id(), "429")).isEqualTo(1);
    }

    @Test
    void tokensPerMinuteAreChargedWhenARequestEndsAndThenRefuseTheNext() throws Exception {
        engine.tokens = 50;   // the engine reports 7 prompt + 50 completion tokens
        NewKey k = store.add("ci", KeyLimits.of(null, 40L, null));
        gateway(Optional.empty());
        assertThat(chat(k.secret(), GatewayFixture.CHAT).statusCode()).as("the budget is not spent before it").isEqualTo(200);
        HttpResponse<String> next = chat(k.secret(), GatewayFixture.CHAT);
        assertThat(next.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(next.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(error(next).path("message").asText()).contains("40 tokens per minute");
        assertThat(engine.chats.get()).isEqualTo(1);
    }

    @Test
    void concurrencyCountsRequestsInFlightAndFreesThemWhenTheyEnd() throws Exception {
        NewKey k = store.add("ci", KeyLimits.of(null, null, 1));
        gateway(Optional.empty(), Duration.ofSeconds(10));   // the slow request must not time out
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return chat(k.secret(), "{\"model\":\"m1\",\"delay_ms\":1500,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitTrue(() -> gate.inFlight(k.key().id()) == 1);
        HttpResponse<String> second = chat(k.secret(), GatewayFixture.CHAT);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(slow.get().statusCode()).isEqualTo(200);
        assertThat(gate.inFlight(k.key().id())).as("freed before the client saw the end of its reply").isZero();
        for (int i = 0; i < 5; i++) {   // a sequential client never trips its own concurrency limit
            assertThat(chat(k.secret(), GatewayFixture.CHAT).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aClientThatLeavesMidStreamGivesItsPlaceBack() throws Exception {
        engine.tokens = 200;
        engine.tokenGapMs = 20;
        NewKey k = store.add("ci", KeyLimits.of(null, null, 1));
        gateway(Optional.empty());
        HttpRequest req = HttpRequest.newBuilder(f.url("/v1/chat/completions")).header("Authorization", "Bearer " + k.secret())
                .POST(HttpRequest.BodyPublishers.ofString(GatewayFixture.CHAT_STREAM)).build();
        HttpResponse<java.io.InputStream> r = f.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        r.body().readNBytes(20);   // the stream has started
        assertThat(gate.inFlight(k.key().id())).isEqualTo(1);
        r.body().close();
        awaitTrue(() -> gate.inFlight(k.key().id()) == 0);
        gate.flush();
        KeyUsage u = store.usage(today()).getFirst();
        assertThat(u.requests()).isEqualTo(1);
        assertThat(u.errors()).as("cut off").isEqualTo(1);
    }

    @Test
    void usageIsWrittenPerKeyPerDay() throws Exception {
        NewKey a = store.add("a", KeyLimits.of(2, null, null));
        NewKey b = store.add("b", KeyLimits.UNLIMITED);
        gateway(Optional.empty());
        for (int i = 0; i < 3; i++) {
            chat(a.secret(), GatewayFixture.CHAT);   // the third is refused: counted as an error
        }
        chat(b.secret(), GatewayFixture.CHAT);
        assertThat(store.usage(today())).as("nothing written on the request path").isEmpty();
        gate.flush();
        List<KeyUsage> rows = store.usage(today());
        KeyUsage ua = rows.stream().filter(u -> u.keyId().equals(a.key().id())).findFirst().orElseThrow();
        KeyUsage ub = rows.stream().filter(u -> u.keyId().equals(b.key().id())).findFirst().orElseThrow();
        assertThat(ua).isEqualTo(new KeyUsage(today(), a.key().id(), 3, 14, 6, 1));   // 7 prompt + 3 completion tokens each
        assertThat(ub).isEqualTo(new KeyUsage(today(), b.key().id(), 1, 7, 3, 0));
        chat(b.secret(), GatewayFixture.CHAT);
        gate.close();   // the last usage is written at close
        assertThat(store.usage(today()).stream().filter(u -> u.keyId().equals(b.key().id())).findFirst().orElseThrow().requests())
                .isEqualTo(2);
    }

    @Test
    void theGatewaysOwnPagesNeedAKeyExceptFromThisMachine() throws Exception {
        NewKey k = store.add("ci", KeyLimits.of(1, null, null));
        gateway(Optional.empty());
        assertThat(f.get("/metrics").statusCode()).as("loopback client, no key").isEqualTo(200);
        HttpResponse<String> withKey = f.http.send(HttpRequest.newBuilder(f.url("/inferdeck/requests"))
                .header("Authorization", "Bearer " + k.secret()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withKey.statusCode()).isEqualTo(200);
        HttpResponse<String> badKey = f.http.send(HttpRequest.newBuilder(f.url("/metrics"))
                .header("Authorization", "Bearer idk-wrong").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badKey.statusCode()).isEqualTo(401);
        assertThat(chat(k.secret(), GatewayFixture.CHAT).statusCode()).as("pages did not use the key's minute").isEqualTo(200);
    }

    private double requests(String key, String status) throws Exception {
        return ParsedMetrics.parse(f.get("/metrics").body()).series("inferdeck_gateway_requests_total").stream()
                .filter(s -> key.equals(s.label("key")) && status.equals(s.label("status")))
                .mapToDouble(PromSample::value).sum();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
