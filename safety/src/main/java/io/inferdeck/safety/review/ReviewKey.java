package io.inferdeck.safety.review;

import io.inferdeck.safety.pipeline.FilterConfig;
import io.inferdeck.safety.pipeline.PipelineResult;

/**
 * What makes two review submissions the same item: the side, a hash of the masked text (the prompt hash: the
 * queue never sees the raw text, and equal masked texts need one human decision), the stage that decided and
 * its decision. Immutable.
 */
record ReviewKey(String side, String promptHash, String stage, String decision) {
    static ReviewKey of(PipelineResult r) {
        return new ReviewKey(r.side().wire(), FilterConfig.sha256(r.safeText()).substring(0, 32), r.decisive().stage().wire(),
                r.decision().wire());
    }

    static final String WHERE = "side=? AND prompt_hash=? AND stage=? AND decision=?";

    /** Binds the four key columns of {@link #WHERE} from parameter {@code first} on. */
    void bind(java.sql.PreparedStatement ps, int first) throws java.sql.SQLException {
        ps.setString(first, side);
        ps.setString(first + 1, promptHash);
        ps.setString(first + 2, stage);
        ps.setString(first + 3, decision);
    }
}
