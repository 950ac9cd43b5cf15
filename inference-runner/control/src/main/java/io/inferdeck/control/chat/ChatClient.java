package io.inferdeck.control.chat;

import io.inferdeck.control.endpoint.EngineEndpoint;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Streams OpenAI chat completions from an engine (built-in runner, llama-server, vLLM, remote). HTTP/1.1
 * so that cancelling closes the connection, which is how the engine learns to stop generating.
 * Thread-safe; each {@link #prepare} gives a one-shot {@link ChatCall}.
 */
public final class ChatClient {
    private final HttpClient http;
    private final LongSupplier nanos;

    /** @param nanos monotonic nanoseconds (System::nanoTime in production) for TTFT and e2e. */
    public ChatClient(LongSupplier nanos) {
        this.nanos = nanos;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).build();
    }

    public ChatCall prepare(EngineEndpoint endpoint, ChatRequest request) {
        return new ChatCall(http, nanos, endpoint, request);
    }

    /**
     * Blocking {@code GET /v1/models} (call it off the UI thread); empty when the engine cannot be reached
     * or answers something that is not a model list.
     */
    public java.util.Optional<ModelInfo> models(EngineEndpoint endpoint) {
        java.net.http.HttpRequest.Builder rb = java.net.http.HttpRequest.newBuilder(endpoint.resolve("/v1/models"))
                .timeout(Duration.ofSeconds(5)).GET();
        endpoint.key().ifPresent(k -> rb.header("Authorization", "Bearer " + k));
        try {
            java.net.http.HttpResponse<String> r = http.send(rb.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            com.fasterxml.jackson.databind.JsonNode m = ChatRequest.JSON.readTree(r.body()).path("data").path(0);
            if (r.statusCode() != 200 || !m.hasNonNull("id")) {
                return java.util.Optional.empty();
            }
            com.fasterxml.jackson.databind.JsonNode model = m.path("inferdeck").path("model");
            return java.util.Optional.of(new ModelInfo(m.get("id").asText(), model.path("name").asText(""),
                    model.path("quant").asText("")));
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }
}
