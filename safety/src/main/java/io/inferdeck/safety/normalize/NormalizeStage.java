package io.inferdeck.safety.normalize;

import io.inferdeck.safety.Stage;
import io.inferdeck.safety.pipeline.FilterStage;
import io.inferdeck.safety.pipeline.StageInput;
import io.inferdeck.safety.pipeline.StageOutcome;

/**
 * The normalize stage: gives the later stages the lexical normal form of the original text (with its
 * offset map, so their spans still index the original). It only transforms, so it has no verdict. When it
 * is switched off, later stages see the original text as is. Stateless and thread-safe.
 */
public final class NormalizeStage implements FilterStage {
    public static final int ORDER = 100;

    private final Normalizer normalizer = new Normalizer(NormalizerOptions.LEXICAL);

    @Override
    public Stage id() {
        return Stage.NORMALIZE;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public StageOutcome apply(StageInput in) {
        return StageOutcome.normalizedTo(normalizer.normalize(in.original()));
    }
}
