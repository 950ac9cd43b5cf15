package io.inferdeck.control.gateway.cache;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cache key of one completion request: SHA-256 (hex) of its path and query and its body as canonical JSON
 * (object keys sorted at every depth, no whitespace, numbers by value so {@code 0}, {@code 0.0} and {@code 0e0}
 * are one number). Everything in the body that can change the reply is in the key: model, messages or prompt,
 * every sampling parameter, tools, response format. Left out, because they do not change the reply: {@code user},
 * {@code metadata}, {@code store}; and {@code stream_options} unless the request streams. {@code stream} is kept
 * (absent = false): a streamed reply (SSE chunks) and a JSON reply are different bytes, and turning one into the
 * other would mean rewriting engine-specific chunk objects. The client's key id is not in it: the same question
 * gets the same answer whoever asks (see docs/performance.md for the timing side channel this implies).
 *
 * @param deterministic the request asks for a reproducible reply: {@code temperature} 0, or a fixed integer
 *                      {@code seed}; an absent temperature is the engine's default, which samples
 */
public record CacheKey(String hash, boolean deterministic) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final Set<String> IGNORED = Set.of("user", "metadata", "store");
    private static final Set<String> NOT_STREAMED = Set.of("stream", "stream_options");
    /** Never used itself: each key digests with a clone. */
    private static final MessageDigest SHA256 = sha256();

    /** The key, or empty when the body is not a JSON object (the engine will answer that itself). */
    public static Optional<CacheKey> of(String pathAndQuery, byte[] body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (Exception e) {
            return Optional.empty();
        }
        return tree instanceof ObjectNode request ? Optional.of(of(pathAndQuery, request)) : Optional.empty();
    }

    /**
     * The key of a request whose body is {@code request} (not changed). Its numbers with a fraction should have been
     * read as decimals: a double has lost digits that tell two requests apart.
     */
    public static CacheKey of(String pathAndQuery, ObjectNode request) {
        boolean streams = request.path("stream").asBoolean(false);
        ObjectNode kept = NODES.objectNode();
        for (String name : new TreeSet<>(fieldNames(request))) {
            // "stream": false is the same request as no "stream"
            if (!IGNORED.contains(name) && (streams || !NOT_STREAMED.contains(name))) {
                kept.set(name, canonical(request.get(name)));
            }
        }
        // JsonNode.toString writes compact, valid JSON (Jackson 2.10+); canonical() fixed the order and the numbers
        return new CacheKey(sha256(pathAndQuery + "\n" + kept), deterministic(request));
    }

    private static boolean deterministic(ObjectNode request) {
        JsonNode t = request.path("temperature");
        JsonNode seed = request.path("seed");
        return (t.isNumber() && t.decimalValue().signum() == 0) || seed.isIntegralNumber()
                || (seed.isNumber() && seed.decimalValue().stripTrailingZeros().scale() <= 0);
    }

    /** Objects with sorted keys, numbers as stripped decimals, everything else as is; recursively. */
    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (String name : new TreeSet<>(fieldNames(node))) {
                out.set(name, canonical(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode(node.size());
            node.forEach(e -> out.add(canonical(e)));
            return out;
        }
        return node.isNumber() ? NODES.numberNode(node.decimalValue().stripTrailingZeros()) : node;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>(node.size());
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = (MessageDigest) SHA256.clone();   // cheaper than looking the provider up each time
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
