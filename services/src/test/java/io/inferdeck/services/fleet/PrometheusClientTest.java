package io.inferdeck.services.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a loopback server answering in Prometheus' documented API format. */
class PrometheusClientTest {
    private HttpServer server;
    private volatile String lastQuery;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", ex -> {
            lastQuery = ex.getRequestURI().getRawQuery();
            String path = ex.getRequestURI().getPath();
            String body = switch (path) {
                case "/api/v1/query" -> lastQuery.contains("bad") ? "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}"
                        : "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"instance\":\"h:1\",\"node\":\"a\"},\"value\":[1700000000.5,\"0.25\"]},"
                        + "{\"metric\":{\"instance\":\"h:2\"},\"value\":[1700000000.5,\"NaN\"]}]}}";
                case "/api/v1/query_range" -> "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                        + "{\"metric\":{\"instance\":\"h:1\"},\"values\":[[1700000000,\"1\"],[1700000001,\"+Inf\"],[1700000002,\"3\"]]}]}}";
                case "/api/v1/targets" -> "{\"status\":\"success\",\"data\":{\"activeTargets\":[{\"labels\":{\"job\":\"gateway\"},"
                        + "\"scrapeUrl\":\"http://h:1/metrics\",\"health\":\"down\",\"lastError\":\"connection refused\"}]}}";
                default -> "{\"status\":\"success\",\"data\":{\"alerts\":[{\"labels\":{\"alertname\":\"InferDeckSloE2eP95\",\"kind\":\"slo\"},"
                        + "\"annotations\":{\"summary\":\"s\"},\"state\":\"firing\",\"value\":\"2.5e+00\"}]}}";
            };
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(body.contains("\"error\"") ? 400 : 200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        http.close();
    }

    private PrometheusClient client() {
        return new PrometheusClient(http, URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
    }

    @Test
    void instantQueryKeepsLabelsAndNanIsNotAvailable() throws Exception {
        var series = client().query("up", Instant.ofEpochMilli(1_700_000_000_500L));
        assertThat(lastQuery).contains("query=up", "time=1700000000.500");
        assertThat(series).hasSize(2);
        assertThat(series.get(0).value()).hasValue(0.25);
        assertThat(series.get(0).label("node")).isEqualTo("a");
        assertThat(series.get(1).value()).isEmpty();
        assertThat(FleetKey.of(series.get(1)).node()).isEqualTo("h");
    }

    @Test
    void rangeTargetsAndAlerts() throws Exception {
        PrometheusClient c = client();
        var range = c.queryRange("x", Instant.ofEpochSecond(1_700_000_000L), Instant.ofEpochSecond(1_700_000_002L), Duration.ofSeconds(1));
        assertThat(range.getFirst().points()).extracting(PromRange.Point::value).containsExactly(1.0, 3.0);
        assertThat(lastQuery).contains("step=1.000");
        assertThat(c.targets().getFirst().lastError()).contains("connection refused");
        PromAlert a = c.alerts().getFirst();
        assertThat(a.firing()).isTrue();
        assertThat(a.slo()).isTrue();
        assertThat(a.value()).hasValue(2.5);
    }

    @Test
    void errorAnswerIsPrometheusException() {
        assertThatThrownBy(() -> client().query("bad(", Instant.now())).isInstanceOf(PrometheusException.class)
                .hasMessageContaining("bad_data: parse error");
    }
}
