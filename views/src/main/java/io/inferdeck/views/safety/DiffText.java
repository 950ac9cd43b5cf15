package io.inferdeck.views.safety;

import io.inferdeck.safety.report.RunDiff;
import java.util.Locale;

/** Plain-text rendering of a {@link RunDiff} for the history pane. */
final class DiffText {
    private DiffText() {
    }

    static String of(RunDiff d) {
        if (d == null) {
            return "No previous run of this suite.";
        }
        StringBuilder b = new StringBuilder();
        b.append("vs run of ").append(d.previousStartedAt()).append('\n');
        b.append("recall ").append(delta(d.recallDelta())).append(", benign FPR ").append(delta(d.fprDelta())).append('\n');
        if (d.fingerprintChanged()) {
            b.append("fingerprint changed (was ").append(d.previousFingerprint().describe()).append(")\n");
        }
        d.categoryRecallDelta().forEach((c, v) -> b.append("  ").append(c).append(": recall ").append(delta(v)).append('\n'));
        b.append("newly failing: ").append(d.newlyFailing().isEmpty() ? "none" : String.join(", ", d.newlyFailing())).append('\n');
        b.append("newly passing: ").append(d.newlyPassing().isEmpty() ? "none" : String.join(", ", d.newlyPassing()));
        return b.toString();
    }

    private static String delta(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%+.3f", v);
    }
}
