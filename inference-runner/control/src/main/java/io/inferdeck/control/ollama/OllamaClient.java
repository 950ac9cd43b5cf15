package io.inferdeck.control.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Ollama's own API beside its OpenAI one (Ollama's API reference): {@code /api/version}, pulled models
 * from {@code /api/tags}, loaded models and their VRAM from {@code /api/ps}. Blocking, each call bounded
 * by the timeout: call it from a worker thread (the console's {@code engine-worker}), never the FX or
 * {@code engine-supervisor} thread. Thread-safe; the HTTP client is the caller's.
 */
public final class OllamaClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI baseUrl;
    private final Duration timeout;

    public OllamaClient(HttpClient http, URI baseUrl, Duration timeout) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    /** The server's version string, e.g. "0.6.2". */
    public String version() throws IOException, InterruptedException {
        return get("/api/version").path("version").asText();
    }

    /** Every model pulled into this server. */
    public List<OllamaModel> pulled() throws IOException, InterruptedException {
        return models(get("/api/tags"));
    }

    /** The models in memory now, with how much of each sits in VRAM. */
    public List<OllamaModel> loaded() throws IOException, InterruptedException {
        return models(get("/api/ps"));
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(timeout).GET().build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IOException("GET " + req.uri() + " answered " + resp.statusCode());
        }
        return JSON.readTree(resp.body());
    }

    private static List<OllamaModel> models(JsonNode root) {
        List<OllamaModel> out = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            JsonNode details = m.path("details");
            out.add(new OllamaModel(m.path("name").asText(m.path("model").asText()), m.path("size").asLong(),
                    m.has("size_vram") ? OptionalLong.of(m.get("size_vram").asLong()) : OptionalLong.empty(),
                    text(details, "parameter_size"), text(details, "quantization_level"), time(m.path("expires_at"))));
        }
        return List.copyOf(out);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static Optional<OffsetDateTime> time(JsonNode v) {
        try {
            return v.isTextual() ? Optional.of(OffsetDateTime.parse(v.asText())) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();   // an unexpected format loses only the expiry, not the model
        }
    }
}
