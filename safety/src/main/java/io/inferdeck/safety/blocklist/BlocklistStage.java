package io.inferdeck.safety.blocklist;

import io.inferdeck.safety.Stage;
import io.inferdeck.safety.pipeline.FilterStage;
import io.inferdeck.safety.pipeline.StageInput;
import io.inferdeck.safety.pipeline.StageOutcome;

/**
 * The blocklist stage: BLOCK on any term of the {@link Blocklist} found in the normalized text, else ALLOW
 * ({@link Blocklist#check}). Its term and list counts go into the config hash, so a changed list shows as a
 * changed configuration. Thread-safe (the blocklist is immutable).
 */
public final class BlocklistStage implements FilterStage {
    public static final int ORDER = 200;

    private final Blocklist blocklist;

    public BlocklistStage(Blocklist blocklist) {
        this.blocklist = blocklist;
    }

    @Override
    public Stage id() {
        return Stage.BLOCKLIST;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public StageOutcome apply(StageInput in) {
        return StageOutcome.judged(blocklist.check(in.normalized()));
    }

    @Override
    public String configFingerprint() {
        return "|terms=" + blocklist.termCount() + "/" + blocklist.listCount();
    }
}
