package io.inferdeck.control.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * A client request body and its JSON object, parsed at most once and shared by everything that reads it on the way
 * to the upstream (compat, the metrics' model label, live safety, the cache key). A step that changes the tree
 * ({@link RequestCompat} strips fields, safety masks texts) makes the bytes to forward with {@link #rewritten()};
 * otherwise the client's own bytes are forwarded. Confined to the request's thread (the tree is mutable).
 */
final class RequestBody {
    private final byte[] bytes;
    private ObjectNode json;
    private boolean parsed;

    RequestBody(byte[] bytes) {
        this.bytes = bytes;
    }

    private RequestBody(byte[] bytes, ObjectNode json) {
        this.bytes = bytes;
        this.json = json;
        this.parsed = true;
    }

    /** The bytes to forward. Never written to. */
    byte[] bytes() {
        return bytes;
    }

    /** The body's JSON object (read by {@link GatewayJson#REQUEST}); empty when it is none (not JSON, an array, empty). */
    Optional<ObjectNode> json() {
        if (!parsed) {
            parsed = true;
            json = parse(bytes);
        }
        return Optional.ofNullable(json);
    }

    /** The body written anew from its (changed) tree. @throws IllegalStateException when it has no tree */
    RequestBody rewritten() {
        ObjectNode tree = json().orElseThrow(() -> new IllegalStateException("no JSON object to write"));
        try {
            return new RequestBody(GatewayJson.REQUEST.writeValueAsBytes(tree), tree);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed JSON tree always serializes", e);
        }
    }

    private static ObjectNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            JsonNode tree = GatewayJson.REQUEST.readTree(bytes);
            return tree instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;   // the engine names what is wrong with the JSON in its own words
        }
    }
}
