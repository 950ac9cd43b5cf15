package io.inferdeck.safety.classifier;

import com.fasterxml.jackson.databind.JsonNode;
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
 * bucket count), an optional gate head and exemplar vote ({@link #scores}) and a free-form training summary ({@link HeadJson} is the file format). Stored as JSON; {@link #hash()} is
 * the SHA-256 of that JSON and identifies the classifier in report fingerprints. Immutable.
 */
public record ClassifierHead(EmbedderKind embedder, String modelSha256, List<LinearHead> heads, Optional<LinearHead> gate,
                             Optional<Exemplars> exemplars, JsonNode training) {
    public static final String RESOURCE = "/io/inferdeck/safety/classifier/head.json";

    public ClassifierHead {
        heads = List.copyOf(heads);
        int ngramDims = heads.isEmpty() ? 0 : heads.getFirst().ngramDims();
        if (heads.stream().anyMatch(h -> h.ngramDims() != ngramDims)
                || gate.isPresent() && gate.get().ngramDims() != ngramDims
                || ngramDims != 0 && Integer.bitCount(ngramDims) != 1) {
            throw new IllegalArgumentException("heads must share one n-gram bucket count, a power of two");
        }
    }

    /** Heads without a gate or exemplars. */
    public ClassifierHead(EmbedderKind embedder, String modelSha256, List<LinearHead> heads, JsonNode training) {
        this(embedder, modelSha256, heads, Optional.empty(), Optional.empty(), training);
    }

    /** The n-gram hashing the heads were trained with; empty for embedding-only heads. */
    public Optional<NgramHasher> ngrams() {
        int dims = heads.getFirst().ngramDims();
        return dims == 0 ? Optional.empty() : Optional.of(new NgramHasher(Integer.numberOfTrailingZeros(dims)));
    }

    /**
     * Each category's score, in head order: the mean of its head's σ and, where the head set has them, the gate's σ
     * (one head trained on every harm category against benign) and the exemplars' vote ({@link Exemplars}). Why: a
     * category head learns its category against everything else, the gate "harmful at all", the vote follows the
     * training prompts locally; their mean ranked prompts of authors the training set never saw better than any one
     * or two of them (docs/safety/evaluation.md). Thresholds and review bands apply to these scores.
     */
    public double[] scores(float[] x, SparseFeatures ngrams) {
        double shared = gate.map(h -> h.score(x, ngrams)).orElse(0.0) + exemplars.map(e -> e.score(x)).orElse(0.0);
        int parts = 1 + (gate.isPresent() ? 1 : 0) + (exemplars.isPresent() ? 1 : 0);
        double[] s = new double[heads.size()];
        for (int c = 0; c < s.length; c++) {
            s[c] = (heads.get(c).score(x, ngrams) + shared) / parts;
        }
        return s;
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
        return new ClassifierHead(embedder, modelSha256, out, gate, exemplars, training);
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
        return HeadJson.read(bytes);
    }

    public byte[] toJson() {
        return HeadJson.write(this);
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
