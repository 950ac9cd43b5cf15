package io.inferdeck.control.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Watches one upstream reply as its bytes pass through the gateway, without changing them: for SSE
 * ({@code text/event-stream}) the time of each content-bearing {@code data:} event (first = TTFT, gaps =
 * inter-token latency) and the {@code usage} object when the engine sends one; for a JSON reply its
 * {@code usage} and, failing that, its content length. Confined to the request's thread.
 *
 * <p>Estimates when the engine sends no usage: one completion token per streamed content event (engines
 * stream about one token per event), or about 4 characters per token in a non-streamed reply.
 */
final class ReplyMeter {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longest SSE line or JSON body examined; longer ones pass through unmeasured. */
    private static final int MAX_EXAMINED = 8 << 20;

    private final boolean sse;
    private final long startNanos;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long[] eventNanos = new long[64];
    private int events;
    private long contentChars;
    private OptionalLong promptTokens = OptionalLong.empty();
    private OptionalLong completionTokens = OptionalLong.empty();

    ReplyMeter(String contentType, long startNanos) {
        this.sse = contentType != null && contentType.startsWith("text/event-stream");
        this.startNanos = startNanos;
    }

    void bytes(byte[] buf, int n, long nowNanos) {
        if (!sse) {
            if (pending.size() + n <= MAX_EXAMINED) {
                pending.write(buf, 0, n);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                line(pending.toString(StandardCharsets.UTF_8), nowNanos);
                pending.reset();
            } else if (pending.size() < MAX_EXAMINED) {
                pending.write(buf[i]);
            }
        }
    }

    /** Called once when the reply ended (completely or not). */
    void end() {
        if (!sse && pending.size() > 0) {
            JsonNode body = parse(pending.toString(StandardCharsets.UTF_8));
            usage(body);
            for (JsonNode choice : body.path("choices")) {
                contentChars += ReplyText.whole(choice).orElse("").length();
            }
        }
    }

    private void line(String line, long nowNanos) {
        if (!line.startsWith("data:")) {
            return;
        }
        String data = line.substring(5).strip();
        if (data.isEmpty() || data.equals("[DONE]")) {
            return;
        }
        JsonNode chunk = parse(data);
        usage(chunk);
        for (JsonNode choice : chunk.path("choices")) {
            if (!ReplyText.streamed(choice).orElse("").isEmpty()) {
                contentEvent(nowNanos);
                return;
            }
        }
    }

    private void contentEvent(long nowNanos) {
        if (events == eventNanos.length) {
            eventNanos = Arrays.copyOf(eventNanos, events * 2);
        }
        eventNanos[events++] = nowNanos;
    }

    private void usage(JsonNode node) {
        JsonNode u = node.path("usage");
        if (u.path("prompt_tokens").isNumber()) {
            promptTokens = OptionalLong.of(u.path("prompt_tokens").asLong());
        }
        if (u.path("completion_tokens").isNumber()) {
            completionTokens = OptionalLong.of(u.path("completion_tokens").asLong());
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            return JSON.missingNode();   // not JSON (an engine's own error text): nothing to measure
        }
    }

    OptionalDouble ttftMs() {
        return events == 0 ? OptionalDouble.empty() : OptionalDouble.of((eventNanos[0] - startNanos) / 1e6);
    }

    double[] interTokenSeconds() {
        double[] gaps = new double[Math.max(0, events - 1)];
        for (int i = 1; i < events; i++) {
            gaps[i - 1] = (eventNanos[i] - eventNanos[i - 1]) / 1e9;
        }
        return gaps;
    }

    OptionalLong promptTokens() {
        return promptTokens;
    }

    /** Reported by the engine, else estimated (see class comment); {@link #usageReported()} tells which. */
    long completionTokens() {
        return completionTokens.orElse(sse ? events : (contentChars + 3) / 4);
    }

    boolean usageReported() {
        return promptTokens.isPresent() && completionTokens.isPresent();
    }
}
