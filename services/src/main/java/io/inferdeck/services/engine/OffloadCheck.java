package io.inferdeck.services.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.control.profile.DeploymentProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Optional;

/**
 * Offload truth: whether a profile that asks for GPU layers really got a GPU. The built-in runner says in
 * its {@code /health} which backend it linked ({@code "backend": "cpu"}, "cuda", …); engines whose health
 * answer has no such member (llama-server, vLLM, …) are not judged, so the warning appears only when the
 * engine itself says "cpu". Stateless.
 */
final class OffloadCheck {
    /** The sentence the Engine page shows (issue 18's wording). */
    static final String ON_CPU = "runs on CPU: no GPU backend in this engine build";
    private static final int TIMEOUT_MS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private OffloadCheck() {
    }

    /** Whether {@code p} asks for offload at all: only then is the engine's backend worth a request. */
    static boolean wantsGpu(DeploymentProfile p) {
        return p.gpuLayers() > 0;
    }

    /** The warning for {@code p} on an engine that reports {@code backend}; empty when there is nothing to say. */
    static Optional<String> warning(DeploymentProfile p, Optional<String> backend) {
        return wantsGpu(p) && backend.filter("cpu"::equalsIgnoreCase).isPresent() ? Optional.of(ON_CPU) : Optional.empty();
    }

    /**
     * Blocking (run it on a worker, never on engine-supervisor): the {@code backend} member of
     * {@code GET baseUrl/health}; empty when the engine does not answer 200 or names no backend.
     */
    static Optional<String> backend(URI baseUrl) {
        try {
            HttpURLConnection c = (HttpURLConnection) baseUrl.resolve("/health").toURL().openConnection();
            c.setConnectTimeout(TIMEOUT_MS);
            c.setReadTimeout(TIMEOUT_MS);
            try (InputStream in = c.getInputStream()) {
                JsonNode body = JSON.readTree(in);
                return c.getResponseCode() == 200 && body.path("backend").isTextual()
                        ? Optional.of(body.path("backend").asText()) : Optional.empty();
            } finally {
                c.disconnect();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
