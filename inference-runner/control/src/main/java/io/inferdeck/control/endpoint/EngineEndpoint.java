package io.inferdeck.control.endpoint;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the console's clients (dashboard scraper, playground, load generator, safety suites) reach the
 * current engine: an OpenAI-compatible base URL (without {@code /v1}), an optional Bearer key and a label
 * for display ("builtin · inferdeck-default-q4_0 · Q4_0"). The key never appears in {@link #toString()}.
 */
public record EngineEndpoint(URI baseUrl, String apiKey, String label) {

    public EngineEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        label = label == null || label.isBlank() ? baseUrl.toString() : label;
    }

    public static EngineEndpoint of(String baseUrl) {
        return new EngineEndpoint(URI.create(baseUrl), null, null);
    }

    public Optional<String> key() {
        return apiKey == null || apiKey.isEmpty() ? Optional.empty() : Optional.of(apiKey);
    }

    /** {@code baseUrl} joined with a path such as {@code /v1/chat/completions}. */
    public URI resolve(String path) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    @Override
    public String toString() {
        return label + " <" + baseUrl + (apiKey != null ? ", key set" : "") + ">";
    }
}
