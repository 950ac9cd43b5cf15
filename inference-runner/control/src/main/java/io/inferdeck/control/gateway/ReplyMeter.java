package io.inferdeck.control.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Watches one upstream reply as its bytes pass through the gateway, without changing them: for SSE
 * ({@code text/event-stream}) the time of each content-bearing {@code data:} event (first = TTFT, gaps =
 * inter-token latency) and the {@code usage} object when the engine sends one; for a JSON reply its
 * {@code usage} and, failing that, its content length. Lines are read where they lie in the relayed buffers; only
 * a line split across two buffers (or a JSON body) is copied. Confined to the request's thread.
 *
 * <p>Estimates when the engine sends no usage: one completion token per streamed content event (engines
 * stream about one token per event), or about 4 characters per token in a non-streamed reply.
 */
final class ReplyMeter {
    private static final ObjectMapper JSON = GatewayJson.REPLY;
    /** Longest SSE line or JSON body examined; longer ones pass through unmeasured. */
    private static final int MAX_EXAMINED = 8 << 20;
    private static final byte[] DATA = {'d', 'a', 't', 'a', ':'};
    private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

    private final boolean sse;
    private final long startNanos;
    /** The bytes of an unfinished line (SSE) or of the body so far (JSON): {@code held} of them; null when none yet. */
    private byte[] pending;
    private int held;
    private boolean overlong;
    private long[] eventNanos = new long[16];
    private int events;
    private long contentChars;
    private OptionalLong promptTokens = OptionalLong.empty();
    private OptionalLong completionTokens = OptionalLong.empty();

    ReplyMeter(String contentType, long startNanos) {
        this.sse = contentType != null && contentType.startsWith("text/event-stream");
        this.startNanos = startNanos;
    }

    /** The next bytes of the reply ({@code buf}'s remaining ones; its position does not move). */
    void bytes(ByteBuffer buf, long nowNanos) {
        int from = buf.position();
        int end = buf.limit();
        if (!sse) {
            hold(buf, from, end);
            return;
        }
        for (int i = from; i < end; i++) {
            if (buf.get(i) != '\n') {
                continue;
            }
            if (held == 0 && !overlong && buf.hasArray()) {
                line(buf.array(), buf.arrayOffset() + from, i - from, nowNanos);   // the whole line is in this buffer
            } else {
                hold(buf, from, i);
                if (!overlong) {
                    line(pending, 0, held, nowNanos);
                }
                held = 0;
                overlong = false;
            }
            from = i + 1;
        }
        hold(buf, from, end);
    }

    /** Called once when the reply ended (completely or not). */
    void end() {
        if (!sse && held > 0 && !overlong) {
            JsonNode body = parse(pending, 0, held);
            usage(body);
            for (JsonNode choice : body.path("choices")) {
                contentChars += ReplyText.whole(choice).orElse("").length();
            }
        }
    }

    private void hold(ByteBuffer buf, int from, int to) {
        int n = to - from;
        if (n == 0 || overlong) {
            return;
        }
        if (held + n > MAX_EXAMINED) {
            overlong = true;   // not examined: a JSON body or SSE line this long is no chat completion chunk
            return;
        }
        if (pending == null || held + n > pending.length) {
            pending = Arrays.copyOf(pending == null ? new byte[0] : pending, Math.max(held + n, Math.max(256, 2 * held)));
        }
        buf.get(from, pending, held, n);
        held += n;
    }

    /** One SSE line ({@code len} bytes at {@code off}, without its newline). */
    private void line(byte[] b, int off, int len, long nowNanos) {
        if (len < DATA.length || !Arrays.equals(b, off, off + DATA.length, DATA, 0, DATA.length)) {
            return;
        }
        int from = off + DATA.length;
        int to = off + len;
        while (from < to && b[from] <= ' ') {
            from++;
        }
        while (to > from && b[to - 1] <= ' ') {
            to--;
        }
        if (from == to || Arrays.equals(b, from, to, DONE, 0, DONE.length)) {
            return;
        }
        JsonNode chunk = parse(b, from, to - from);
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

    private static JsonNode parse(byte[] b, int off, int len) {
        try {
            JsonNode node = JSON.readTree(b, off, len);
            return node == null ? JSON.missingNode() : node;
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
