package io.inferdeck.tuning.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.Flow;

/**
 * Reads one OpenAI chat completion SSE stream line by line and timestamps it: the first and last
 * content-bearing chunk, the number of such chunks, the server's usage figures, whether the stream ended
 * properly ({@code [DONE]} or a finish_reason) and any protocol or in-stream error.
 *
 * <p>Threading: the HTTP client calls onNext serially; the requester reads the fields only after the
 * response future completed, which orders those reads after every write.
 */
final class StreamObserver implements Flow.Subscriber<String> {
    private static final ObjectMapper JSON = new ObjectMapper();

    long firstTokenNanos = -1;
    long lastTokenNanos = -1;
    int contentChunks;
    int usageCompletionTokens = -1;
    int usagePromptTokens = -1;
    boolean done;
    boolean finished;
    String protocolError;
    String streamError;

    private final StringBuilder data = new StringBuilder();
    private long dataArrivedNanos;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        long now = System.nanoTime();
        if (line.isEmpty()) {
            dispatch();
        } else if (line.startsWith("data:")) {
            if (!data.isEmpty()) {
                data.append('\n');
            }
            data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
            dataArrivedNanos = now;
        }
        // Other fields (event:, id:, retry:) and ":" comments carry nothing the benchmark needs.
    }

    @Override
    public void onError(Throwable throwable) {
        // The response future completes exceptionally with the same cause; the requester classifies it.
    }

    @Override
    public void onComplete() {
        dispatch();
    }

    void protocolError(String message) {
        if (protocolError == null) {
            protocolError = message;
        }
    }

    /** True when the stream ended the way OpenAI-compatible servers end it. */
    boolean completedNormally() {
        return (done || finished) && protocolError == null && streamError == null;
    }

    int outputTokens() {
        return usageCompletionTokens >= 0 ? usageCompletionTokens : contentChunks;
    }

    private void dispatch() {
        if (data.isEmpty()) {
            return;
        }
        String event = data.toString();
        data.setLength(0);
        if (event.equals("[DONE]")) {
            done = true;
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(event);
        } catch (Exception e) {
            protocolError("malformed chunk");
            return;
        }
        if (node == null || !node.isObject()) {
            protocolError("chunk is not a JSON object");
            return;
        }
        if (node.hasNonNull("error")) {
            JsonNode err = node.get("error");
            streamError = err.isTextual() ? err.asText() : err.path("message").asText("error event");
            return;
        }
        JsonNode choice = node.path("choices").path(0);
        JsonNode content = choice.path("delta").path("content");
        if (content.isTextual() && !content.asText().isEmpty()) {
            if (firstTokenNanos < 0) {
                firstTokenNanos = dataArrivedNanos;
            }
            lastTokenNanos = dataArrivedNanos;
            contentChunks++;
        }
        if (choice.hasNonNull("finish_reason")) {
            finished = true;
        }
        JsonNode usage = node.path("usage");
        if (usage.isObject()) {
            usageCompletionTokens = usage.path("completion_tokens").asInt(usageCompletionTokens);
            usagePromptTokens = usage.path("prompt_tokens").asInt(usagePromptTokens);
        }
    }
}
