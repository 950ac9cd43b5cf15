package io.inferdeck.safety.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.common.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * All per-category heads plus what they were trained for: the embedding (which model or pairing, and its
 * SHA-256: a head is refused for another model), the hashed n-grams when the heads read them (all heads share one
 * bucket count; stored per head as base64 little-endian float16, {@code ngramWeights}) and a free-form training summary. Stored as JSON; {@link #hash()} is
 * the SHA-256 of that JSON and identifies the classifier in report fingerprints. Immutable.
 */
public record ClassifierHead(EmbedderKind embedder, String modelSha256, List<LinearHead> heads, JsonNode training) {
    public static final String RESOURCE = "/io/inferdeck/safety/classifier/head.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ClassifierHead {
        heads = List.copyOf(heads);
        int ngramDims = heads.isEmpty() ? 0 : heads.getFirst().ngramDims();
        if (heads.stream().anyMatch(h -> h.ngramDims() != ngramDims)
                || ngramDims != 0 && Integer.bitCount(ngramDims) != 1) {
            throw new IllegalArgumentException("heads must share one n-gram bucket count, a power of two");
        }
    }

    /** The n-gram hashing the heads were trained with; empty for embedding-only heads. */
    public Optional<NgramHasher> ngrams() {
        int dims = heads.getFirst().ngramDims();
        return dims == 0 ? Optional.empty() : Optional.of(new NgramHasher(Integer.numberOfTrailingZeros(dims)));
    }

    /** The features every head reads for {@code normalizedText} besides its embedding. */
    public SparseFeatures ngramFeatures(String normalizedText) {
        return ngrams().map(n -> n.features(normalizedText)).orElse(SparseFeatures.EMPTY);
    }

    /** A MiniLM head. */
    public ClassifierHead(String modelSha256, List<LinearHead> heads, JsonNode training) {
        this(EmbedderKind.MINILM, modelSha256, heads, training);
    }

    public List<String> categories() {
        return heads.stream().map(LinearHead::category).toList();
    }

    /**
     * This head with {@code category}'s block threshold set to {@code threshold}; its review band keeps its width
     * below the new threshold (clamped above 0). Everything else — weights, embedding, training summary — is kept.
     *
     * @throws IllegalArgumentException for an unknown category or a threshold outside (0, 1)
     */
    public ClassifierHead withThreshold(String category, double threshold) {
        if (!categories().contains(category)) {
            throw new IllegalArgumentException("no head for category '" + category + "'");
        }
        List<LinearHead> out = new ArrayList<>();
        for (LinearHead h : heads) {
            if (!h.category().equals(category)) {
                out.add(h);
                continue;
            }
            OptionalDouble review = h.reviewThreshold().isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(Math.max(1e-3, threshold - (h.threshold() - h.reviewThreshold().getAsDouble())));
            out.add(h.withBands(threshold, review));
        }
        return new ClassifierHead(embedder, modelSha256, out, training);
    }

    public static ClassifierHead bundled() throws IOException {
        try (InputStream in = ClassifierHead.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("bundled classifier head " + RESOURCE + " is missing");
            }
            return fromJson(in.readAllBytes());
        }
    }

    public static ClassifierHead read(Path file) throws IOException {
        return fromJson(Files.readAllBytes(file));
    }

    static ClassifierHead fromJson(byte[] bytes) throws IOException {
        JsonNode root = JSON.readTree(bytes);
        try {
            List<LinearHead> heads = new ArrayList<>();
            for (JsonNode h : root.path("heads")) {
                JsonNode w = h.path("weights");
                float[] weights = new float[w.size()];
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = (float) w.get(i).asDouble();
                }
                JsonNode review = h.get("reviewThreshold");
                heads.add(new LinearHead(h.path("category").asText(), weights,
                        HalfFloats.decode(h.path("ngramWeights").asText("")), h.path("bias").asDouble(),
                        h.path("threshold").asDouble(),
                        review == null ? OptionalDouble.empty() : OptionalDouble.of(review.asDouble())));
            }
            if (heads.isEmpty()) {
                throw new IOException("classifier head JSON has no heads");
            }
            JsonNode kind = root.get("embedder");
            return new ClassifierHead(kind == null ? EmbedderKind.MINILM : EmbedderKind.parse(kind.asText()),
                    root.path("modelSha256").asText(), heads, root.path("training"));
        } catch (IllegalArgumentException e) {
            throw new IOException("classifier head JSON: " + e.getMessage(), e);
        }
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "inferdeck-safety-head/1");
        root.put("embedder", embedder.wire());
        root.put("modelSha256", modelSha256);
        ngrams().ifPresent(n -> root.put("ngramBits", n.bits()));
        root.set("training", training == null ? JSON.createObjectNode() : training);
        ArrayNode arr = root.putArray("heads");
        for (LinearHead h : heads) {
            ObjectNode o = arr.addObject();
            o.put("category", h.category());
            o.put("bias", h.bias());
            o.put("threshold", h.threshold());
            h.reviewThreshold().ifPresent(r -> o.put("reviewThreshold", r));
            ArrayNode w = o.putArray("weights");
            for (float f : h.weights()) {
                w.add(Math.round(f * 1e6) / 1e6);
            }
            if (h.usesNgrams()) {
                o.put("ngramWeights", HalfFloats.encode(h.ngramWeights()));
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes atomically ({@link AtomicFiles}). */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toJson());
    }

    public String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(toJson()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ClassifierHead" + categories() + "@" + hash().substring(0, 12);
    }
}
