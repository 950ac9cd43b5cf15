package io.inferdeck.runner.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A small OpenAI-style HTTP client for the benchmark and the tests: plain JSON calls and SSE streams
 * whose events are timestamped as they arrive. HTTP/1.1 only, as the runner speaks. Thread-safe.
 */
public final class StreamClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final Optional<String> apiKey;

    public StreamClient(URI base, Optional<String> apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /**
     * One SSE response: the {@code data:} payloads in order ("[DONE]" included) and System.nanoTime() of
     * each, plus the time the request was sent. For a non-200 answer, {@code events} is empty and
     * {@code errorBody} holds the body.
     */
    public record SseResponse(int status, long sentNanos, List<String> events, List<Long> eventNanos, String errorBody) {
    }

    public SseResponse stream(String path, String json) throws IOException, InterruptedException {
        long sent = System.nanoTime();
        HttpResponse<Stream<String>> r = http.send(post(path, json), HttpResponse.BodyHandlers.ofLines());
        List<String> events = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        try (Stream<String> lines = r.body()) {
            if (r.statusCode() != 200) {
                return new SseResponse(r.statusCode(), sent, List.of(), List.of(), String.join("\n", lines.toList()));
            }
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("data: ")) {
                    times.add(System.nanoTime());
                    events.add(line.substring(6));
                }
            }
        }
        return new SseResponse(200, sent, events, times, null);
    }

    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return http.send(post(path, json), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest post(String path, String json) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5));
        apiKey.ifPresent(k -> b.header("Authorization", "Bearer " + k));
        return b;
    }
}
