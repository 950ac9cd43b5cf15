package io.inferdeck.safety.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * head.json ({@code inferdeck-safety-head/1}): {@code embedder}, {@code modelSha256}, {@code ngramBits} (when the heads
 * read n-grams), {@code training}, {@code heads[]}, an optional {@code gate} and {@code exemplars}
 * ({@link Exemplars#encode}), each head with {@code category}, {@code bias}, {@code threshold}, {@code reviewThreshold}, {@code weights} (decimal, rounded to 1e-6) and
 * {@code ngramWeights} (base64 little-endian float16). Files without the newer fields load as before (MiniLM,
 * embedding only, no gate, no exemplars). Anything malformed is an {@link IOException} naming the file kind.
 */
final class HeadJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HeadJson() {
    }

    static ClassifierHead read(byte[] bytes) throws IOException {
        JsonNode root = JSON.readTree(bytes);
        try {
            List<LinearHead> heads = new ArrayList<>();
            for (JsonNode h : root.path("heads")) {
                heads.add(head(h));
            }
            if (heads.isEmpty()) {
                throw new IOException("classifier head JSON has no heads");
            }
            JsonNode kind = root.get("embedder");
            JsonNode gate = root.get("gate");
            JsonNode exemplars = root.get("exemplars");
            return new ClassifierHead(kind == null ? EmbedderKind.MINILM : EmbedderKind.parse(kind.asText()),
                    root.path("modelSha256").asText(), heads, gate == null ? Optional.empty() : Optional.of(head(gate)),
                    exemplars == null ? Optional.empty() : Optional.of(Exemplars.decode(exemplars.asText())),
                    root.path("training"));
        } catch (IllegalArgumentException e) {
            throw new IOException("classifier head JSON: " + e.getMessage(), e);
        }
    }

    private static LinearHead head(JsonNode h) {
        JsonNode w = h.path("weights");
        float[] weights = new float[w.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) w.get(i).asDouble();
        }
        JsonNode review = h.get("reviewThreshold");
        return new LinearHead(h.path("category").asText(), weights, HalfFloats.decode(h.path("ngramWeights").asText("")),
                h.path("bias").asDouble(), h.path("threshold").asDouble(),
                review == null ? OptionalDouble.empty() : OptionalDouble.of(review.asDouble()));
    }

    static byte[] write(ClassifierHead head) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "inferdeck-safety-head/1");
        root.put("embedder", head.embedder().wire());
        root.put("modelSha256", head.modelSha256());
        head.ngrams().ifPresent(n -> root.put("ngramBits", n.bits()));
        root.set("training", head.training() == null ? JSON.createObjectNode() : head.training());
        ArrayNode arr = root.putArray("heads");
        head.heads().forEach(h -> put(arr.addObject(), h));
        head.gate().ifPresent(g -> put(root.putObject("gate"), g));
        head.exemplars().ifPresent(e -> root.put("exemplars", e.encode()));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A dense weight as head.json stores it: rounded to 1e-6. */
    static double decimal(double w) {
        return Math.round(w * 1e6) / 1e6;
    }

    private static void put(ObjectNode o, LinearHead h) {
        o.put("category", h.category());
        o.put("bias", h.bias());
        o.put("threshold", h.threshold());
        h.reviewThreshold().ifPresent(r -> o.put("reviewThreshold", r));
        ArrayNode w = o.putArray("weights");
        for (float f : h.weights()) {
            w.add(decimal(f));
        }
        if (h.usesNgrams()) {
            o.put("ngramWeights", HalfFloats.encode(h.ngramWeights()));
        }
    }
}
