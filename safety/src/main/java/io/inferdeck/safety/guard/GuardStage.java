package io.inferdeck.safety.guard;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.pipeline.FilterStage;
import io.inferdeck.safety.pipeline.StageInput;
import io.inferdeck.safety.pipeline.StageOutcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The guard-model stage (id {@code guard}, off unless configured): asks a guard model such as Llama Guard 3,
 * served by an engine, about the original text. "unsafe" + codes → BLOCK, category of the first code mapped
 * by {@link GuardTaxonomy}, rule {@code guard:unsafe:S10,S11}; "safe" → ALLOW. A call that fails (timeout,
 * HTTP error, oversized or unreadable reply) decides the configured {@code onFailure} with rule
 * {@code guard:failed:<kind>} and is counted per kind ({@link #failures()}). Runs after the classifier and is
 * skipped once an earlier stage blocked, since a remote call could not change that outcome. It reads the
 * original text (the model reads natural language, not the normalized form). Thread-safe.
 */
public final class GuardStage implements FilterStage {
    public static final Stage ID = new Stage("guard");
    public static final int ORDER = 450;

    private final GuardClient client;
    private final GuardSettings settings;
    private final Map<GuardFailure, LongAdder> failures = new EnumMap<>(GuardFailure.class);

    public GuardStage(GuardClient client, GuardSettings settings) {
        this.client = client;
        this.settings = settings;
        for (GuardFailure f : GuardFailure.values()) {
            failures.put(f, new LongAdder());
        }
    }

    @Override
    public Stage id() {
        return ID;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public boolean skipOnceBlocked() {
        return true;
    }

    @Override
    public String configFingerprint() {
        return settings.describe();
    }

    @Override
    public StageOutcome apply(StageInput in) {
        try {
            GuardAnswer a = client.ask(in.original(), in.side());
            if (!a.unsafe()) {
                return StageOutcome.judged(Verdict.allow(ID));
            }
            return StageOutcome.judged(Verdict.byRule(Decision.BLOCK, ID, "guard:unsafe:" + a.codes(),
                    a.hazards().getFirst().category(), List.of()));
        } catch (GuardFailure.Exception e) {
            failures.get(e.kind()).increment();
            return StageOutcome.judged(Verdict.byRule(settings.onFailure(), ID, "guard:failed:" + e.kind().wire(),
                    StageOutcome.FAILURE_CATEGORY, List.of()));
        }
    }

    /** Failed calls so far per kind (wire name → count), every kind listed. */
    public Map<String, Long> failures() {
        var m = new java.util.LinkedHashMap<String, Long>();
        failures.forEach((k, v) -> m.put(k.wire(), v.sum()));
        return m;
    }
}
