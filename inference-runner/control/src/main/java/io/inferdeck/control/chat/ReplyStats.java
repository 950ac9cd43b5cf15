package io.inferdeck.control.chat;

/**
 * Client-side figures of one reply. Times in nanoseconds from the injected ticker: {@code ttftNanos} from
 * sending to the first token event (-1 if none came), {@code e2eNanos} from sending to the end of the
 * stream. Token counts come from the engine's {@code usage} chunk (-1 when it sent none); {@code events}
 * counts token events actually received.
 */
public record ReplyStats(long ttftNanos, long e2eNanos, int promptTokens, int completionTokens, int events,
                         String finishReason) {

    /** Decode rate after the first token: (tokens − 1) / (e2e − ttft); NaN when not measurable. */
    public double tokensPerSecond() {
        int tokens = completionTokens >= 0 ? completionTokens : events;
        long span = e2eNanos - ttftNanos;
        if (ttftNanos < 0 || tokens < 2 || span <= 0) {
            return Double.NaN;
        }
        return (tokens - 1) / (span / 1e9);
    }

    /** "TTFT 12 ms · 85.3 tok/s · 18 → 32 tokens · length · e2e 0.41 s" */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append("TTFT ").append(ttftNanos < 0 ? "—" : String.format("%.0f ms", ttftNanos / 1e6));
        double tps = tokensPerSecond();
        b.append(" · ").append(Double.isNaN(tps) ? "— tok/s" : String.format("%.1f tok/s", tps));
        b.append(" · ").append(promptTokens < 0 ? "?" : promptTokens).append(" → ")
                .append(completionTokens < 0 ? events : completionTokens).append(" tokens");
        b.append(" · ").append(finishReason == null ? "no finish" : finishReason);
        b.append(" · e2e ").append(String.format("%.2f s", e2eNanos / 1e9));
        return b.toString();
    }
}
