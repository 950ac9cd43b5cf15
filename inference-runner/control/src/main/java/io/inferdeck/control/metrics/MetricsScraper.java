package io.inferdeck.control.metrics;

import io.inferdeck.common.prom.PromFormatException;
import io.inferdeck.common.prom.PromTextParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Fetches one engine's {@code /metrics} over HTTP and feeds a {@link MetricsNormalizer}.
 * Bounded: connect and request timeouts, bodies over {@link #MAX_BODY_BYTES} refused, redirects
 * not followed. Asks for text format 0.0.4 (vLLM's client would otherwise be free to pick
 * OpenMetrics, which the parser also reads). Not thread-safe: one scraper per engine, driven by
 * one thread (the metrics-scraper); it blocks, so never call it on the FX thread.
 */
public final class MetricsScraper implements AutoCloseable {
    /** The parser's bound, in bytes: never read more than it would accept. */
    public static final int MAX_BODY_BYTES = PromTextParser.MAX_TEXT_CHARS;

    private final URI url;
    private final Duration timeout;
    private final String apiKey;
    private final MetricsNormalizer normalizer;
    private final HttpClient client;

    /** @param apiKey sent as a Bearer token (llama-server protects /metrics with it); null for none */
    public MetricsScraper(URI url, Duration timeout, String apiKey, MetricsNormalizer normalizer) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.apiKey = apiKey;
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * An engine's base URL or full metrics URL: {@code http://h:p} and {@code http://h:p/} mean
     * {@code http://h:p/metrics}; any other path is used as given.
     */
    public static URI metricsUrl(String url) {
        try {
            URI uri = new URI(url.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL with a host: " + url);
            }
            String path = uri.getRawPath();
            return path == null || path.isEmpty() || path.equals("/") ? uri.resolve("/metrics") : uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url + " (" + e.getMessage() + ")", e);
        }
    }

    public URI url() {
        return url;
    }

    /** Fetches and normalizes one scrape. */
    public EngineMetrics scrape() throws IOException, InterruptedException {
        return normalizer.update(fetch());
    }

    /** Fetches and parses without touching the normalizer. */
    public ParsedMetrics fetch() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET()
                .header("Accept", "text/plain;version=0.0.4;q=1.0,*/*;q=0.1");
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException("cannot scrape " + url + ": " + describe(e), e);
        }
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            String text = new String(bytes, 0, Math.min(bytes.length, MAX_BODY_BYTES), StandardCharsets.UTF_8);
            if (response.statusCode() != 200) {
                String first = text.lines().findFirst().orElse("").strip();
                throw new IOException("GET " + url + " answered " + response.statusCode()
                        + (first.isEmpty() ? "" : ": " + (first.length() > 200 ? first.substring(0, 200) : first)));
            }
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IOException("GET " + url + " returned more than " + MAX_BODY_BYTES + " bytes; refusing it");
            }
            try {
                return ParsedMetrics.parse(text);
            } catch (PromFormatException e) {
                throw new IOException("GET " + url + " is not Prometheus text format: " + e.getMessage(), e);
            }
        }
    }

    /** java.net.http often throws with a null message (e.g. ConnectException): name the class then. */
    private static String describe(IOException e) {
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
    }

    @Override
    public void close() {
        client.close();
    }
}
