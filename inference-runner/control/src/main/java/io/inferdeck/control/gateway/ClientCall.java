package io.inferdeck.control.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One client request as read by the gateway, before it is forwarded: the target, the whole body and what
 * the metrics need from it. Immutable but for the body's shared JSON tree (see {@link RequestBody}); confined to the
 * request's thread.
 *
 * @param pathAndQuery  forwarded as is (e.g. {@code /v1/chat/completions})
 * @param model         the body's {@code model}, for the label; {@code default} when absent, {@code other}
 *                      when implausibly long (client-chosen label values must not grow without bound)
 * @param promptChars   characters of the prompt text ({@code messages[].content} or {@code prompt}), for the
 *                      estimate of prompt tokens when the engine reports no usage
 * @param arrivedNanos  {@link System#nanoTime()} when the request's headers arrived
 */
record ClientCall(String method, String pathAndQuery, String contentType, String authorization, String accept,
                  RequestBody body, String model, long promptChars, String keyId, long arrivedNanos) {
    private static final int MAX_MODEL_LABEL = 64;

    static ClientCall of(String method, String pathAndQuery, String contentType, String authorization, String accept,
                         RequestBody body, String keyId, long arrivedNanos) {
        JsonNode json = body.json().<JsonNode>map(o -> o).orElse(MissingNode.getInstance());
        String model = json.path("model").asText("");
        model = model.isEmpty() ? "default" : model.length() > MAX_MODEL_LABEL ? "other" : model;
        long chars = json.path("prompt").asText("").length();
        for (JsonNode m : json.path("messages")) {
            chars += m.path("content").asText("").length();
        }
        return new ClientCall(method, pathAndQuery, contentType, authorization, accept, body, model, chars, keyId, arrivedNanos);
    }

    /** This call with another body (the same texts, masked): what is forwarded after live filtering. */
    ClientCall withBody(RequestBody forwarded) {
        return forwarded == body ? this : new ClientCall(method, pathAndQuery, contentType, authorization, accept, forwarded,
                model, promptChars, keyId, arrivedNanos);
    }

    /** About 4 characters per token, the usual rule of thumb for English text with BPE vocabularies. */
    long estimatedPromptTokens() {
        return (promptChars + 3) / 4;
    }
}
