package io.inferdeck.services.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.inferdeck.control.gateway.Gateway;
import io.inferdeck.control.gateway.GatewayConfig;
import io.inferdeck.control.gateway.RequestRecord;
import io.inferdeck.control.gateway.Upstream;
import io.inferdeck.control.launch.HealthCheck;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client and parser against a real gateway over loopback, in front of a tiny engine that answers chats. */
class TrafficClientTest {
    private static final String KEY = "sk-test-traffic";
    private final HttpServer engine = engine();
    private final ScheduledExecutorService health = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient http = HttpClient.newHttpClient();
    private Gateway gateway;

    private static HttpServer engine() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.createContext("/", ex -> {
                ex.getRequestBody().readAllBytes();
                byte[] body = (ex.getRequestURI().getPath().equals("/health") ? "{\"status\":\"ok\"}"
                        : "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}}],"
                        + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4,\"total_tokens\":13}}").getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            s.start();
            return s;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI start(Optional<String> key, int capacity) throws Exception {
        URI up = URI.create("http://127.0.0.1:" + engine.getAddress().getPort());
        gateway = new Gateway(GatewayConfig.defaults("127.0.0.1", 0, key).withLog(capacity, Optional.empty(), 1 << 20),
                List.of(new Upstream("replica-0", up, HealthCheck.ok("/health"), () -> true)), Clock.systemUTC());
        gateway.start(health);
        return gateway.baseUrl();
    }

    private int chat(URI gw, String model, Optional<String> key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gw.resolve("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"));
        key.ifPresent(k -> b.header("Authorization", "Bearer " + k));
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        engine.stop(0);
        health.shutdownNow();
        http.close();
    }

    @Test
    void readsWhatTheGatewayLogged() throws Exception {
        URI gw = start(Optional.empty(), 3);
        assertThat(chat(gw, "m-a", Optional.empty())).isEqualTo(200);
        assertThat(chat(gw, "m-b", Optional.empty())).isEqualTo(200);

        try (TrafficClient client = new TrafficClient(gw, Optional.empty(), Duration.ofSeconds(5))) {
            TrafficPage all = client.fetch(OptionalInt.empty());
            TrafficPage one = client.fetch(OptionalInt.of(1));

            assertThat(all.capacity()).isEqualTo(3);
            assertThat(all.requests()).extracting(e -> e.request().model()).containsExactly("m-b", "m-a");
            RequestRecord newest = all.requests().getFirst().request();
            assertThat(newest.upstream()).isEqualTo("replica-0");
            assertThat(newest.status()).isEqualTo(200);
            assertThat(newest.tokensIn()).isEqualTo(9);
            assertThat(newest.tokensOut()).isEqualTo(4);
            assertThat(newest.e2eMs()).isGreaterThanOrEqualTo(newest.queueMs());
            assertThat(newest.ttftMs()).isEmpty();   // not streamed
            assertThat(one.requests()).containsExactly(all.requests().getFirst());
        }
    }

    @Test
    void sendsTheKeyAndSaysWhenItIsRefused() throws Exception {
        URI gw = start(Optional.of(KEY), 10);
        assertThat(chat(gw, "m-a", Optional.of(KEY))).isEqualTo(200);

        try (TrafficClient without = new TrafficClient(gw, Optional.empty(), Duration.ofSeconds(5));
             TrafficClient with = new TrafficClient(gw, Optional.of(KEY), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> without.fetch(OptionalInt.empty())).isInstanceOfSatisfying(TrafficClient.Refused.class,
                    r -> assertThat(r.status()).isEqualTo(401));
            assertThat(with.fetch(OptionalInt.empty()).requests()).extracting(e -> e.request().keyId()).containsExactly("profile");
        }
    }

    @Test
    void aRefusedConnectionNamesTheUrl() throws Exception {
        URI gw = start(Optional.empty(), 10);
        gateway.close();
        try (TrafficClient client = new TrafficClient(gw, Optional.empty(), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> client.fetch(OptionalInt.of(5)))
                    .hasMessageStartingWith("cannot read the request log at " + gw.resolve("/inferdeck/requests?limit=5"));
        }
    }

    @Test
    void takesAGatewayBaseUrlAsOperatorsTypeIt() {
        assertThat(TrafficClient.gatewayUrl("http://127.0.0.1:8080")).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(TrafficClient.gatewayUrl(" http://127.0.0.1:8080/ ")).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(TrafficClient.gatewayUrl("http://[::1]:8080/inferdeck/requests")).isEqualTo(URI.create("http://[::1]:8080"));
        assertThatThrownBy(() -> TrafficClient.gatewayUrl("127.0.0.1:8080")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrafficClient.gatewayUrl("http://127.0.0.1:8080/v1")).hasMessageContaining("base URL");
    }
}
