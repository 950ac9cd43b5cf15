package io.inferdeck.control.gateway;

import static io.inferdeck.control.metrics.GatewayMetricNames.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.common.prom.PromSample;
import io.inferdeck.control.gateway.cache.CacheConfig;
import io.inferdeck.control.metrics.ParsedMetrics;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent misses of one cache key, end to end over loopback: the {@link TestUpstream} holds every chat request
 * at a gate until the test has seen the identical requests waiting at the gateway, and counts what reached it.
 */
class GatewayCoalescingTest {
    private static final String CHAT = "/v1/chat/completions";
    private static final String GREEDY = "{\"model\":\"m1\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"same question\"}]}";
    private static final String GREEDY_STREAM = "{\"model\":\"m1\",\"temperature\":0,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"same question\"}]}";

    private final CountDownLatch gate = new CountDownLatch(1);
    private TestUpstream up;
    private GatewayFixture f;

    @BeforeEach
    void start() throws Exception {
        up = new TestUpstream("alpha");
        up.beforeReply = gate;
        f = new GatewayFixture(GatewayFixture.quick().withUpstreamTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(10))
                .withHealth(Duration.ofSeconds(1), Duration.ofSeconds(10))
                .withCache(Optional.of(new CacheConfig(1 << 20, Duration.ofSeconds(60), false))), List.of(up.baseUrl()));
    }

    @AfterEach
    void stop() {
        gate.countDown();
        f.close();
        up.close();
    }

    @Test
    void eightIdenticalRequestsInFlightTogetherReachTheEngineOnce() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replies.add(postAsync(GREEDY));
        }
        awaitValue(CACHE_COALESCING, null, null, 7);   // one at the engine's gate, seven waiting for it
        assertThat(up.chats.get()).isEqualTo(1);
        gate.countDown();
        List<String> how = new ArrayList<>();
        for (var r : replies) {
            HttpResponse<String> reply = r.get(20, TimeUnit.SECONDS);
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo(replies.getFirst().get().body());
            how.add(reply.headers().firstValue(CacheFront.HEADER).orElse("none"));
        }
        assertThat(how).containsOnly("miss", "coalesced").filteredOn("miss"::equals).hasSize(1);
        assertThat(up.chats.get()).as("only the leader reached the engine").isEqualTo(1);
        ParsedMetrics m = metrics();
        assertThat(value(m, CACHE_COALESCED + "_total", "result", "served")).isEqualTo(7);
        assertThat(value(m, CACHE_COALESCING, null, null)).isZero();
        assertThat(f.gateway.requestLog().latest(8)).filteredOn(RequestRecord::cacheHit).hasSize(7);
    }

    @Test
    void streamedFollowersAreReplayedWithTheLeadersChunks() throws Exception {
        up.tokens = 4;
        up.tokenGapMs = 20;   // one engine flush per event: the leader relays several chunks
        List<RawHttp> got = new ArrayList<>();
        try (var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<RawHttp>> replies = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                replies.add(clients.submit(() -> RawHttp.post(f.gateway.port(), CHAT, GREEDY_STREAM)));
            }
            awaitValue(CACHE_COALESCING, null, null, 2);
            gate.countDown();
            for (var r : replies) {
                got.add(r.get(20, TimeUnit.SECONDS));
            }
        }
        RawHttp leader = got.stream().filter(r -> "miss".equals(r.headers().get("x-inferdeck-cache"))).findFirst().orElseThrow();
        assertThat(leader.chunks()).hasSizeGreaterThan(1);
        for (RawHttp r : got) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers().get("content-type")).startsWith("text/event-stream");
            assertThat(r.chunks()).hasSameSizeAs(leader.chunks());
            for (int i = 0; i < leader.chunks().size(); i++) {
                assertThat(r.chunks().get(i)).as("chunk " + i).isEqualTo(leader.chunks().get(i));
            }
        }
        assertThat(up.chats.get()).isEqualTo(1);
    }

    @Test
    void whenTheLeaderFailsTheFollowersAskTheEngineThemselves() throws Exception {
        up.failing.set(1);   // the first request the engine gets is answered 500: nothing to store
        List<CompletableFuture<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(postAsync(GREEDY).handle((r, e) -> r == null ? -1 : r.statusCode()));   // the 500 may cut the leader's client off
        }
        awaitValue(CACHE_COALESCING, null, null, 3);
        gate.countDown();
        List<Integer> got = new ArrayList<>();
        for (var s : statuses) {
            got.add(s.get(20, TimeUnit.SECONDS));
        }
        assertThat(got).as("the followers are not failed by the leader").filteredOn(s -> s == 200).hasSize(3);
        assertThat(up.chats.get()).isEqualTo(4);
        ParsedMetrics m = metrics();
        assertThat(value(m, CACHE_COALESCED + "_total", "result", "proceeded")).isEqualTo(3);
        assertThat(value(m, CACHE_COALESCED + "_total", "result", "served")).isZero();
        assertThat(post(GREEDY).headers().firstValue(CacheFront.HEADER)).as("a follower's reply was stored").hasValue("hit");
    }

    @Test
    void aFollowerWhoseClientLeavesDoesNotCancelTheLeader() throws Exception {
        CompletableFuture<HttpResponse<String>> leader = postAsync(GREEDY_STREAM);
        awaitChats(1);
        byte[] body = GREEDY_STREAM.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.gateway.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST " + CHAT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            awaitValue(CACHE_COALESCING, null, null, 1);
        }
        awaitValue(CACHE_COALESCED + "_total", "result", "left", 1);
        assertThat(leader).isNotDone();
        gate.countDown();
        HttpResponse<String> led = leader.get(20, TimeUnit.SECONDS);
        assertThat(led.statusCode()).isEqualTo(200);
        assertThat(led.body()).contains("data: [DONE]");
        assertThat(up.disconnected.getCount()).as("the engine's stream was never cut").isEqualTo(1);
        assertThat(f.gateway.requestLog().latest(2)).extracting(RequestRecord::status).containsExactlyInAnyOrder(499, 200);
        assertThat(post(GREEDY_STREAM).headers().firstValue(CacheFront.HEADER)).as("the leader's reply was stored").hasValue("hit");
        assertThat(up.chats.get()).isEqualTo(1);
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String body) {
        return f.http.sendAsync(HttpRequest.newBuilder(f.url(CHAT)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return postAsync(body).get(20, TimeUnit.SECONDS);
    }

    private ParsedMetrics metrics() throws Exception {
        return ParsedMetrics.parse(f.get("/metrics").body());
    }

    private void awaitChats(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (up.chats.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(up.chats.get()).isEqualTo(n);
    }

    private void awaitValue(String name, String label, String v, double expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (value(metrics(), name, label, v) != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(value(metrics(), name, label, v)).as(name).isEqualTo(expected);
    }

    /** Sum of the family's series whose {@code label} is {@code v} (every series when label is null); 0 when absent. */
    private static double value(ParsedMetrics m, String name, String label, String v) {
        return m.series(name).stream().filter(s -> label == null || v.equals(s.label(label))).mapToDouble(PromSample::value).sum();
    }
}
