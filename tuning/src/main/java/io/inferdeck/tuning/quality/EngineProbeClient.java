package io.inferdeck.tuning.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The two engine calls the report makes besides the load: {@code POST /tokenize} (InferDeck's runner and
 * llama-server) and a streamed temperature-0 {@code /v1/completions}. Loopback, no API key (the report's
 * engines are its own). Stateless.
 */
final class EngineProbeClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineProbeClient() {
    }

    /** One SSE chunk per generated token: its text is that token's piece. */
    static List<String> greedyPieces(URI base, String prompt, int maxTokens) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("prompt", prompt).put("max_tokens", maxTokens).put("temperature", 0)
                .put("ignore_eos", true).put("stream", true).toString();
        List<String> pieces = new ArrayList<>();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/completions"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() != 200) {
                throw new IOException("temperature-0 completion answered " + r.statusCode());
            }
            for (String line : (Iterable<String>) r.body()::iterator) {
                String data = line.startsWith("data: ") ? line.substring(6) : null;
                JsonNode choice = data == null || data.equals("[DONE]") ? null : JSON.readTree(data).at("/choices/0");
                if (choice != null && choice.has("text") && choice.path("finish_reason").isNull()) {
                    pieces.add(choice.get("text").asText());
                }
            }
        }
        return List.copyOf(pieces);
    }

    /** The ids the engine makes of {@code text}, BOS included (POST /tokenize with add_special). */
    static int[] tokenize(URI base, String text) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("content", text).put("add_special", true).toString();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/tokenize")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode tokens = r.statusCode() == 200 ? JSON.readTree(r.body()).get("tokens") : null;
            if (tokens == null || !tokens.isArray()) {
                throw new IOException("POST /tokenize answered " + r.statusCode() + " (the engine must be InferDeck's runner or "
                        + "llama-server)");
            }
            int[] ids = new int[tokens.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = tokens.get(i).asInt();
            }
            return ids;
        }
    }

}
