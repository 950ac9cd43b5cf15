package io.inferdeck.tuning.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sends streaming chat completion requests ({@code "stream": true} with usage) and feeds the SSE lines
 * of a 200 response to a {@link StreamObserver}; other statuses are drained and reported by code only.
 * Thread-safe: one instance serves every request of a run.
 */
final class ChatStreamClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final HttpRequest[] requests;

    /** Builds every prompt's request once (requests are immutable); a run then only sends them. */
    ChatStreamClient(HttpClient http, URI endpoint, String apiKey, String model, PromptSet prompts, int maxTokens) {
        this.http = http;
        this.requests = new HttpRequest[prompts.prompts().size()];
        for (int i = 0; i < requests.length; i++) {
            HttpRequest.Builder req = HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body(model, prompts.get(i), maxTokens)));
            if (apiKey != null) {
                req.header("Authorization", "Bearer " + apiKey);
            }
            requests[i] = req.build();
        }
    }

    /** Sends prompt {@code index} (modulo the set size). */
    CompletableFuture<HttpResponse<Void>> send(long index, StreamObserver observer) {
        HttpResponse.BodyHandler<Void> handler = info -> {
            if (info.statusCode() != 200) {
                return HttpResponse.BodySubscribers.discarding();
            }
            String type = info.headers().firstValue("content-type").orElse("");
            if (!type.startsWith("text/event-stream")) {
                observer.protocolError("expected text/event-stream, got '" + type + "'");
                return HttpResponse.BodySubscribers.discarding();
            }
            return HttpResponse.BodySubscribers.fromLineSubscriber(observer, o -> (Void) null, java.nio.charset.StandardCharsets.UTF_8, null);
        };
        return http.sendAsync(requests[(int) Math.floorMod(index, (long) requests.length)], handler);
    }

    private static byte[] body(String model, Prompt prompt, int maxTokens) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        for (Prompt.Message m : prompt.messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        body.put("max_tokens", prompt.maxTokens() > 0 ? prompt.maxTokens() : maxTokens);
        prompt.temperature().ifPresent(t -> body.put("temperature", t));
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first model id from GET .../v1/models, if the server answers within {@code timeout}. */
    static Optional<String> firstModel(HttpClient http, URI chatEndpoint, String apiKey, Duration timeout) {
        String u = chatEndpoint.toString();
        URI models = URI.create(u.substring(0, u.length() - "/chat/completions".length()) + "/models");
        HttpRequest.Builder req = HttpRequest.newBuilder(models).timeout(timeout).GET();
        if (apiKey != null) {
            req.header("Authorization", "Bearer " + apiKey);
        }
        try {
            HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            String id = JSON.readTree(r.body()).path("data").path(0).path("id").asText("");
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
