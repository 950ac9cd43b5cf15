package io.inferdeck.control.gateway;

import static io.inferdeck.control.metrics.GatewayMetricNames.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.common.prom.PromSample;
import io.inferdeck.control.gateway.cache.CacheConfig;
import io.inferdeck.control.metrics.ParsedMetrics;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The response cache end to end: a real gateway over loopback in front of a {@link TestUpstream} that counts what reaches it. */
class GatewayCacheTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "/v1/chat/completions";
    /** temperature 0: deterministic, so cacheable. */
    private static final String GREEDY = "{\"model\":\"m1\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
    private static final String GREEDY_STREAM = "{\"model\":\"m1\",\"temperature\":0,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";

    private final TestClock clock = new TestClock();
    private TestUpstream up;
    private GatewayFixture f;

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
        if (up != null) {
            up.close();
        }
    }

    private void start(CacheConfig cache) throws Exception {
        up = new TestUpstream("alpha");
        f = new GatewayFixture(config(cache), List.of(up.baseUrl()), () -> false, clock);
    }

    /** Generous upstream and probe timeouts: on a loaded machine a slow engine must not turn a cache test into a 502/503. */
    private static GatewayConfig config(CacheConfig cache) {
        return GatewayFixture.quick().withUpstreamTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10))
                .withHealth(Duration.ofSeconds(1), Duration.ofSeconds(10)).withCache(Optional.of(cache));
    }

    private static CacheConfig cache(long maxBytes, boolean allowSampled) {
        return new CacheConfig(maxBytes, Duration.ofSeconds(60), allowSampled);
    }

    @Test
    void aRepeatedRequestIsAnsweredByTheGatewayWithoutReachingTheUpstream() throws Exception {
        start(cache(1 << 20, false));
        HttpResponse<String> first = post(GREEDY);
        HttpResponse<String> second = post(GREEDY.replace("{\"model\":\"m1\",\"temperature\":0,", "{\"temperature\":0.0,  \"model\":\"m1\","));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(up.chats.get()).as("only the first reached the engine").isEqualTo(1);
        assertThat(first.headers().firstValue(CacheFront.HEADER)).hasValue("miss");
        assertThat(second.headers().firstValue(CacheFront.HEADER)).hasValue("hit");
        assertThat(second.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));

        JsonNode newest = JSON.readTree(f.get(GatewayHandler.REQUESTS_PATH + "?limit=2").body()).path("requests").get(0);
        assertThat(newest.path("upstream").asText()).isEqualTo("cache");
        assertThat(newest.path("cacheHit").asBoolean()).isTrue();
        assertThat(newest.path("status").asInt()).isEqualTo(200);
        assertThat(newest.path("tokensOut").asLong()).isEqualTo(up.tokens);   // the stored reply's usage
        assertThat(newest.path("e2eMs").asDouble()).isPositive();
        ParsedMetrics m = metrics();
        assertThat(value(m, CACHE_LOOKUPS + "_total", "result", "hit")).isEqualTo(1);
        assertThat(value(m, CACHE_LOOKUPS + "_total", "result", "miss")).isEqualTo(1);
        assertThat(value(m, CACHE_ENTRIES, null, null)).isEqualTo(1);
        assertThat(value(m, CACHE_BYTES, null, null)).isGreaterThan(first.body().length());
        assertThat(value(m, REQUESTS + "_total", "upstream", "cache")).isEqualTo(1);
    }

    @Test
    void aStreamedReplyIsReplayedWithTheOriginalChunksAndNeverServedToAJsonRequest() throws Exception {
        start(cache(1 << 20, false));
        up.tokens = 4;
        up.tokenGapMs = 20;   // one engine flush per event, far apart: the gateway reads them one by one
        RawHttp original = RawHttp.post(f.gateway.port(), CHAT, GREEDY_STREAM);
        RawHttp replay = RawHttp.post(f.gateway.port(), CHAT, GREEDY_STREAM);
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.chunks()).as("a live stream arrives in several chunks").hasSizeGreaterThan(1);
        assertThat(replay.headers()).containsEntry("x-inferdeck-cache", "hit");
        assertThat(replay.headers().get("content-type")).startsWith("text/event-stream");
        assertThat(replay.chunks()).as("same chunk sequence, byte for byte").hasSameSizeAs(original.chunks());
        for (int i = 0; i < original.chunks().size(); i++) {
            assertThat(replay.chunks().get(i)).as("chunk " + i).isEqualTo(original.chunks().get(i));
        }
        assertThat(replay.body()).contains("\"content\":\"t3\"", "data: [DONE]");
        assertThat(up.chats.get()).isEqualTo(1);
        JsonNode hit = JSON.readTree(f.get(GatewayHandler.REQUESTS_PATH + "?limit=1").body()).path("requests").get(0);
        assertThat(hit.path("ttftMs").asDouble()).as("TTFT measured on the replay").isPositive()
                .isLessThanOrEqualTo(hit.path("e2eMs").asDouble());

        HttpResponse<String> json = post(GREEDY);   // same question, not streamed: its own entry
        assertThat(json.headers().firstValue(CacheFront.HEADER)).hasValue("miss");
        assertThat(json.body()).startsWith("{");
        assertThat(up.chats.get()).isEqualTo(2);
    }

    @Test
    void sampledRequestsAreCachedOnlyWhenAllowedOrSeeded() throws Exception {
        start(cache(1 << 20, false));
        post(GatewayFixture.CHAT);   // no temperature: the engine's default samples
        post(GatewayFixture.CHAT);
        assertThat(up.chats.get()).isEqualTo(2);
        assertThat(value(metrics(), CACHE_BYPASSES + "_total", "reason", "sampled")).isEqualTo(2);
        String seeded = "{\"temperature\":0.8,\"seed\":7," + GatewayFixture.CHAT.substring(1);
        post(seeded);
        assertThat(post(seeded).headers().firstValue(CacheFront.HEADER)).hasValue("hit");
        assertThat(up.chats.get()).as("a fixed seed makes a sampled request reproducible").isEqualTo(3);
        f.close();
        up.close();

        start(cache(1 << 20, true));
        post(GatewayFixture.CHAT);
        assertThat(post(GatewayFixture.CHAT).headers().firstValue(CacheFront.HEADER)).hasValue("hit");
        assertThat(up.chats.get()).isEqualTo(1);
    }

    @Test
    void noCacheSkipsTheLookupButRefreshesTheEntryAndNoStoreTouchesNothing() throws Exception {
        start(cache(1 << 20, false));
        String v1 = post(GREEDY).body();
        up.tokens = 5;   // the engine now answers differently
        HttpResponse<String> refreshed = post(GREEDY, "Cache-Control", "no-cache");
        assertThat(refreshed.body()).isNotEqualTo(v1);
        assertThat(up.chats.get()).isEqualTo(2);
        assertThat(post(GREEDY).body()).as("the no-cache reply replaced the entry").isEqualTo(refreshed.body());
        up.tokens = 6;
        HttpResponse<String> unstored = post(GREEDY, "Cache-Control", "max-age=0, No-Store");
        assertThat(unstored.body()).isNotEqualTo(refreshed.body());
        assertThat(post(GREEDY).body()).as("no-store neither read nor wrote the entry").isEqualTo(refreshed.body());
        assertThat(up.chats.get()).isEqualTo(3);
        ParsedMetrics m = metrics();
        assertThat(value(m, CACHE_BYPASSES + "_total", "reason", "no_cache")).isEqualTo(1);
        assertThat(value(m, CACHE_BYPASSES + "_total", "reason", "no_store")).isEqualTo(1);
    }

    @Test
    void anEntryExpiresAfterItsTtlOnTheGatewaysClock() throws Exception {
        up = new TestUpstream("alpha");
        f = new GatewayFixture(config(new CacheConfig(1 << 20, Duration.ofSeconds(30), false)), List.of(up.baseUrl()), () -> false, clock);
        post(GREEDY);
        clock.advance(Duration.ofSeconds(29));
        assertThat(post(GREEDY).headers().firstValue(CacheFront.HEADER)).hasValue("hit");
        clock.advance(Duration.ofSeconds(2));
        assertThat(post(GREEDY).headers().firstValue(CacheFront.HEADER)).hasValue("miss");
        assertThat(up.chats.get()).isEqualTo(2);
        assertThat(value(metrics(), CACHE_EVICTIONS + "_total", "cause", "expired")).isEqualTo(1);
    }

    @Test
    void theByteBoundEvictsAndRefusesRepliesOverItsShare() throws Exception {
        long max = 16 << 10;   // entries of ~0.6 KiB: about two dozen fit; one reply may take 1 KiB
        start(cache(max, false));
        for (int i = 0; i < 60; i++) {
            assertThat(post(GREEDY.replace("hello there", "question " + i)).statusCode()).isEqualTo(200);
        }
        ParsedMetrics m = metrics();
        assertThat(value(m, CACHE_BYTES, null, null)).isPositive().isLessThanOrEqualTo(max);
        assertThat(value(m, CACHE_ENTRIES, null, null)).isLessThan(60);
        assertThat(value(m, CACHE_EVICTIONS + "_total", "cause", "size")).isPositive();
        assertThat(value(m, CACHE_STORES + "_total", "result", "stored")).isEqualTo(60);

        up.tokens = 400;   // a ~1.7 KiB reply: over max / 16
        post(GREEDY);
        post(GREEDY);
        assertThat(up.chats.get()).isEqualTo(62);
        assertThat(value(metrics(), CACHE_STORES + "_total", "result", "too_large")).isEqualTo(2);
    }

    @Test
    void errorRepliesAreNeverCached() throws Exception {
        start(cache(1 << 20, false));
        String completion = "{\"model\":\"m1\",\"temperature\":0,\"prompt\":\"hi\"}";
        HttpResponse<String> first = f.post("/v1/completions", completion);   // the test engine has no such endpoint: 404
        HttpResponse<String> second = f.post("/v1/completions", completion);
        assertThat(first.statusCode()).isEqualTo(404);
        assertThat(second.headers().firstValue(CacheFront.HEADER)).hasValue("miss");
        ParsedMetrics m = metrics();
        assertThat(value(m, CACHE_STORES + "_total", "result", "not_ok")).isEqualTo(2);
        assertThat(value(m, CACHE_LOOKUPS + "_total", "result", "hit")).isZero();
        assertThat(value(m, CACHE_ENTRIES, null, null)).isZero();
    }

    @Test
    void withoutACacheNothingIsCachedAndNoCacheFamilyIsExported() throws Exception {
        up = new TestUpstream("alpha");
        f = new GatewayFixture(GatewayFixture.quick(), List.of(up.baseUrl()));
        post(GREEDY);
        HttpResponse<String> second = post(GREEDY);
        assertThat(up.chats.get()).isEqualTo(2);
        assertThat(second.headers().firstValue(CacheFront.HEADER)).isEmpty();
        assertThat(metrics().names()).noneMatch(n -> n.startsWith(PREFIX + "cache_"));
    }

    private HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(f.url(CHAT)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return f.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ParsedMetrics metrics() throws Exception {
        return ParsedMetrics.parse(f.get("/metrics").body());
    }

    /** Sum of the family's series whose {@code label} is {@code value} (every series when label is null). */
    private static double value(ParsedMetrics m, String name, String label, String value) {
        assertThat(m.has(name)).as(name + " exported").isTrue();
        return m.series(name).stream().filter(s -> label == null || value.equals(s.label(label)))
                .mapToDouble(PromSample::value).sum();
    }

    /** The gateway's clock, moved by the test; read from request threads. */
    private static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-03-01T10:00:00Z");

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
            return this;
        }
    }
}
