package io.inferdeck.services.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A client of Prometheus' HTTP API (v1): instant and range queries, active targets, alerts. Answers become
 * immutable records; a value Prometheus gives as NaN or ±Inf is "not available" (empty), never 0. An error
 * answer ({@code status: error}) or a non-200 reply is a {@link PrometheusException} with Prometheus' own words.
 * Thread-safe (the JDK client is).
 */
public final class PrometheusClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    /** @param base the server, e.g. {@code http://127.0.0.1:9090} (a path prefix is kept) */
    public PrometheusClient(HttpClient http, URI base, Duration timeout) {
        this.http = http;
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.timeout = timeout;
    }

    public List<PromSeries> query(String promql, Instant at) throws IOException, InterruptedException {
        JsonNode data = get("api/v1/query", Map.of("query", promql, "time", time(at)));
        List<PromSeries> out = new ArrayList<>();
        for (JsonNode r : vector(data)) {
            out.add(new PromSeries(labels(r.path("metric")), number(r.path("value").path(1))));
        }
        return List.copyOf(out);
    }

    public List<PromRange> queryRange(String promql, Instant start, Instant end, Duration step)
            throws IOException, InterruptedException {
        JsonNode data = get("api/v1/query_range", Map.of("query", promql, "start", time(start), "end", time(end),
                "step", seconds(step.toMillis())));
        List<PromRange> out = new ArrayList<>();
        for (JsonNode r : data.path("result")) {
            List<PromRange.Point> points = new ArrayList<>();
            for (JsonNode p : r.path("values")) {
                number(p.path(1)).ifPresent(v -> points.add(new PromRange.Point(instant(p.path(0).asDouble()), v)));
            }
            out.add(new PromRange(labels(r.path("metric")), points));
        }
        return List.copyOf(out);
    }

    public List<PromTarget> targets() throws IOException, InterruptedException {
        JsonNode data = get("api/v1/targets", Map.of("state", "active"));
        List<PromTarget> out = new ArrayList<>();
        for (JsonNode t : data.path("activeTargets")) {
            String err = t.path("lastError").asText("");
            out.add(new PromTarget(labels(t.path("labels")), t.path("scrapeUrl").asText(), t.path("health").asText(),
                    err.isEmpty() ? Optional.empty() : Optional.of(err)));
        }
        return List.copyOf(out);
    }

    public List<PromAlert> alerts() throws IOException, InterruptedException {
        JsonNode data = get("api/v1/alerts", Map.of());
        List<PromAlert> out = new ArrayList<>();
        for (JsonNode a : data.path("alerts")) {
            out.add(new PromAlert(labels(a.path("labels")), labels(a.path("annotations")), a.path("state").asText(),
                    number(a.path("value"))));
        }
        return List.copyOf(out);
    }

    private JsonNode get(String path, Map<String, String> params) throws IOException, InterruptedException {
        StringBuilder q = new StringBuilder();
        new java.util.TreeMap<>(params).forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest req = HttpRequest.newBuilder(base.resolve(path + q)).timeout(timeout).GET().build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(res.body());
        } catch (IOException e) {
            throw new PrometheusException(base + path + ": HTTP " + res.statusCode() + ", not a Prometheus API answer");
        }
        if (res.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new PrometheusException(base + path + ": HTTP " + res.statusCode() + ": "
                    + body.path("errorType").asText("?") + ": " + body.path("error").asText("no error text"));
        }
        return body.path("data");
    }

    private static List<JsonNode> vector(JsonNode data) throws PrometheusException {
        String type = data.path("resultType").asText();
        if (!type.equals("vector")) {
            throw new PrometheusException("expected an instant vector, got " + type);
        }
        List<JsonNode> out = new ArrayList<>();
        data.path("result").forEach(out::add);
        return out;
    }

    /** Prometheus writes sample values as strings ("1.5", "NaN", "+Inf"). */
    private static OptionalDouble number(JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(v.asText().replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
            return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static Map<String, String> labels(JsonNode obj) {
        Map<String, String> m = new LinkedHashMap<>();
        obj.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static String time(Instant t) {
        return seconds(t.toEpochMilli());
    }

    /** Float seconds, the form Prometheus takes for times and steps alike ("1.0s" is no Go duration: HTTP 400). */
    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static Instant instant(double seconds) {
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
    }
}
