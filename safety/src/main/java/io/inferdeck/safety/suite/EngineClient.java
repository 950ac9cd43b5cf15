package io.inferdeck.safety.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Minimal OpenAI-compatible chat client for end-to-end suite runs: one non-streaming
 * {@code POST /v1/chat/completions} per case (temperature 0), model id from {@code GET /v1/models}.
 * Thread-safe (java.net.http.HttpClient is).
 */
public final class EngineClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final String apiKey;
    private final int maxTokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration timeout;

    public EngineClient(URI base, String apiKey, int maxTokens, Duration timeout) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.apiKey = apiKey;
        this.maxTokens = maxTokens;
        this.timeout = timeout;
    }

    public URI base() {
        return base;
    }

    /** The first model id the engine lists, or "unknown". */
    public String modelId() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request("v1/models").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /v1/models: HTTP " + r.statusCode());
        }
        JsonNode data = JSON.readTree(r.body()).path("data");
        return data.isArray() && !data.isEmpty() ? data.get(0).path("id").asText("unknown") : "unknown";
    }

    public String chat(String prompt) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", "default");
        body.put("temperature", 0);
        body.put("max_tokens", maxTokens);
        body.put("stream", false);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        HttpRequest req = request("v1/chat/completions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("POST /v1/chat/completions: HTTP " + r.statusCode());
        }
        JsonNode msg = JSON.readTree(r.body()).path("choices").path(0).path("message").path("content");
        if (msg.isMissingNode()) {
            throw new IOException("engine reply has no choices[0].message.content");
        }
        return msg.asText();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (apiKey != null && !apiKey.isBlank()) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b;
    }
}
