package io.inferdeck.safety.pipeline;

import io.inferdeck.plugin.api.safety.FilterStagePlugin;
import io.inferdeck.plugin.api.safety.StageText;
import io.inferdeck.plugin.api.safety.StageVerdict;
import io.inferdeck.plugin.api.safety.TextSpan;
import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Span;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import java.util.OptionalDouble;

/**
 * A filter-stage plugin ({@link FilterStagePlugin}, the stable API) as one of the pipeline's
 * {@link FilterStage}s. Its id, order and fingerprint are read once, here, as the pipeline's contract wants.
 * {@link #apply} maps the working state to the API's {@link StageText} and the plugin's verdict back; what
 * the plugin throws (or a null verdict) reaches the pipeline, which records REVIEW with rule
 * {@code <id>:failed:<Exception>} and goes on. Thread-safe when the plugin is, as its contract demands.
 */
public final class PluginFilterStage implements FilterStage {
    private final FilterStagePlugin plugin;
    private final Stage id;
    private final int order;
    private final String fingerprint;

    /** @throws RuntimeException what the plugin throws, or when its id is not a valid stage id */
    public PluginFilterStage(FilterStagePlugin plugin) {
        this.plugin = plugin;
        this.id = new Stage(plugin.id());
        this.order = plugin.order();
        String f = plugin.configFingerprint();
        this.fingerprint = f == null ? "" : f;
    }

    @Override
    public Stage id() {
        return id;
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public String configFingerprint() {
        return fingerprint;
    }

    @Override
    public StageOutcome apply(StageInput in) {
        StageVerdict v = plugin.judge(new Text(in));
        if (v == null) {
            throw new NullPointerException("judge returned null");
        }
        Verdict verdict = new Verdict(Decision.valueOf(v.decision().name()), id, v.rule(), OptionalDouble.empty(),
                v.category(), v.spans().stream().map(s -> new Span(s.start(), s.end(), s.label())).toList());
        return v.masked().map(m -> StageOutcome.masked(verdict, m)).orElseGet(() -> StageOutcome.judged(verdict));
    }

    /** The working state as the API shows it; holds the raw text, so it is never logged (no toString of it). */
    private record Text(StageInput in) implements StageText {
        @Override
        public String original() {
            return in.original();
        }

        @Override
        public String normalized() {
            return in.normalized().text();
        }

        @Override
        public String masked() {
            return in.masked();
        }

        @Override
        public io.inferdeck.plugin.api.safety.Side side() {
            return io.inferdeck.plugin.api.safety.Side.valueOf(in.side().name());
        }

        @Override
        public boolean blockedBefore() {
            return in.blocked();
        }

        @Override
        public TextSpan toOriginal(int start, int end, String label) {
            Span s = in.normalized().toOriginal(start, end, label);
            return new TextSpan(s.start(), s.end(), s.label());
        }

        @Override
        public String toString() {
            return in.toString();   // StageInput's own: side and length, never the text
        }
    }
}
