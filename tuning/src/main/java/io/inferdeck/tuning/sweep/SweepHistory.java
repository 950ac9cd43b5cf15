package io.inferdeck.tuning.sweep;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileFiles;
import io.inferdeck.tuning.history.HostInfo;
import io.inferdeck.tuning.history.NewRun;
import io.inferdeck.tuning.history.RunHistory;
import io.inferdeck.tuning.load.BenchJson;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Records sweep points in the run history, one row per point (kind {@code sweep}, label = the point, the
 * point's own profile), so any two points — of one sweep or of different days — can be compared side by side.
 * A row is inserted (running) before its engine starts, so a crash mid-point leaves it to be found partial;
 * it is completed with the point's bench JSON, or marked partial with the failure. History problems go to
 * {@code warn} and never fail the sweep. Used by {@code inferdeck sweep} and the Tuning page alike.
 */
public final class SweepHistory {
    private final RunHistory history;
    private final Consumer<String> warn;

    /** @param history null when the database could not be opened: then nothing is recorded */
    public SweepHistory(RunHistory history, Consumer<String> warn) {
        this.history = history;
        this.warn = warn;
    }

    /** Before measuring {@code point}; returns the row id, or -1 when nothing could be recorded. */
    public long starting(SweepPoint point, DeploymentProfile profile) {
        if (history == null) {
            return -1;
        }
        try {
            return history.start(new NewRun("sweep", point.toString(), ProfileFiles.write(profile, ProfileFiles.Format.JSON),
                    null, HostInfo.describe()));
        } catch (SQLException | RuntimeException e) {
            warn.accept("not recording " + point + " in the history: " + e.getMessage());
            return -1;
        }
    }

    /** After measuring: complete with the result, or partial with the reason it has none. */
    public void finished(long id, SweepOutcome o) {
        if (history == null || id < 0) {
            return;
        }
        try {
            if (o.result().isPresent()) {
                history.complete(id, o.result().get().figures(), BenchJson.toJson(o.result().get()).toString());
            } else {
                history.markPartial(id, "failed: " + o.failure());
            }
        } catch (SQLException | RuntimeException e) {
            warn.accept("could not record " + o.point() + " in the history: " + e.getMessage());
        }
    }
}
