package io.inferdeck.services.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Ollama's store ({@code $OLLAMA_MODELS}, else {@code ~/.ollama/models}): one manifest per model tag at
 * {@code manifests/<host>/<namespace>/<model>/<tag>}, a JSON document whose {@code layers} list the model's
 * blobs; the layer with media type {@code application/vnd.ollama.image.model} is the GGUF file, stored as
 * {@code blobs/sha256-<hex>} for digest {@code sha256:<hex>}. Models are named as {@code ollama list} shows
 * them: {@code model:tag}, with the namespace when it is not {@code library} and host and namespace when the
 * host is not {@code registry.ollama.ai}. Facts and their sources: docs/models.md.
 */
final class OllamaStore implements ModelStore {
    static final String MODEL_LAYER = "application/vnd.ollama.image.model";
    private static final String DEFAULT_HOST = "registry.ollama.ai";
    private static final String DEFAULT_NAMESPACE = "library";

    private final ObjectMapper json = new ObjectMapper();
    private final Path root;

    OllamaStore(Path root) {
        this.root = root;
    }

    @Override
    public String label() {
        return "Ollama";
    }

    @Override
    public Listing list(ScanLimits limits) {
        Path manifests = root.resolve("manifests");
        List<Found> found = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (Files.isDirectory(manifests)) {
            try (Stream<Path> tags = Files.find(manifests, 4, (p, a) -> a.isRegularFile()
                    && manifests.relativize(p).getNameCount() == 4 && !p.getFileName().toString().startsWith("."))) {
                tags.sorted().limit(limits.maxEntries()).forEach(tag -> manifest(manifests.relativize(tag), tag).ifPresent(found::add));
            } catch (IOException | java.io.UncheckedIOException e) {
                notes.add("could not list " + manifests + ": " + e.getMessage());
            }
        }
        return new Listing(List.of(root), found, notes);
    }

    /** The model a manifest names; empty when it has no GGUF layer (Ollama also stores safetensors models). */
    private java.util.Optional<Found> manifest(Path relative, Path file) {
        String name = displayName(relative);
        JsonNode doc;
        try {
            doc = json.readTree(file.toFile());
        } catch (IOException e) {
            return java.util.Optional.of(Found.bad(name, file, "manifest is not valid JSON: " + oneLine(e.getMessage())));
        }
        for (JsonNode layer : doc.path("layers")) {
            if (MODEL_LAYER.equals(layer.path("mediaType").asText())) {
                String digest = layer.path("digest").asText("");
                if (!digest.matches("sha256:[0-9a-f]{64}")) {
                    return java.util.Optional.of(Found.bad(name, file, "manifest has a model layer without a sha256 digest"));
                }
                Path blob = root.resolve("blobs").resolve(digest.replace(':', '-'));
                return java.util.Optional.of(Files.isRegularFile(blob) ? Found.ok(name, List.of(blob))
                        : Found.bad(name, blob, "blob " + blob.getFileName() + " is missing (pull the model again)"));
            }
        }
        return java.util.Optional.empty();
    }

    /** {@code host/namespace/model/tag} as Ollama's shortest display name. */
    static String displayName(Path relative) {
        String host = relative.getName(0).toString();
        String namespace = relative.getName(1).toString();
        String model = relative.getName(2) + ":" + relative.getName(3);
        if (!host.equalsIgnoreCase(DEFAULT_HOST)) {
            return host + "/" + namespace + "/" + model;
        }
        return namespace.equalsIgnoreCase(DEFAULT_NAMESPACE) ? model : namespace + "/" + model;
    }

    private static String oneLine(String s) {
        String m = String.valueOf(s);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
