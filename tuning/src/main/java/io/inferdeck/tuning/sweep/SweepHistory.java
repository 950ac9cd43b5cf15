package io.inferdeck.tuning.sweep;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileFiles;
import io.inferdeck.tuning.history.HostInfo;
import io.inferdeck.tuning.history.NewRun;
import io.inferdeck.tuning.history.RunHistory;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One sweep as one row of the run history: inserted (status running) before the first point, its
 * figures checkpointed after every point (so a crash mid-sweep keeps what was measured and the row is
 * later found partial), completed with the whole sweep JSON. History problems go to {@code warn} and
 * never fail the sweep. Figures are keyed {@code <point>/<figure>}, e.g. {@code Q4_0-b512-p2/requests_per_s}.
 */
public final class SweepHistory {
    private final RunHistory history;
    private final long id;
    private final Consumer<String> warn;
    private final Map<String, Double> figures = new LinkedHashMap<>();

    private SweepHistory(RunHistory history, long id, Consumer<String> warn) {
        this.history = history;
        this.id = id;
        this.warn = warn;
    }

    /** Starts the row; with a history that cannot be written, returns a recorder that only warns. */
    public static SweepHistory start(RunHistory history, DeploymentProfile base, List<SweepPoint> points, Consumer<String> warn) {
        if (history == null) {
            return new SweepHistory(null, -1, warn);
        }
        try {
            long id = history.start(new NewRun("sweep", points.size() + " points: " + points.getFirst() + " …",
                    ProfileFiles.write(base, ProfileFiles.Format.JSON), null, HostInfo.describe()));
            return new SweepHistory(history, id, warn);
        } catch (SQLException | RuntimeException e) {
            warn.accept("not recording the sweep in the history: " + e.getMessage());
            return new SweepHistory(null, -1, warn);
        }
    }

    /** After each point (the sweep's progress callback). */
    public void point(SweepOutcome o) {
        String key = o.point().quant() + "-b" + o.point().batch() + "-p" + o.point().parallel();
        o.result().ifPresent(r -> r.figures().forEach((k, v) -> figures.put(key + "/" + k, v)));
        write(() -> history.checkpoint(id, figures));
    }

    public void complete(List<SweepOutcome> outcomes, Recommendation rec) {
        write(() -> history.complete(id, figures, SweepJson.toJson(outcomes, rec).toString()));
    }

    /** The sweep stopped before its last point (cancelled or failed). */
    public void partial(String note) {
        write(() -> history.markPartial(id, note));
    }

    public long id() {
        return id;
    }

    private interface Sql {
        void run() throws SQLException;
    }

    private void write(Sql action) {
        if (history == null) {
            return;
        }
        try {
            action.run();
        } catch (SQLException | RuntimeException e) {
            warn.accept("history: " + e.getMessage());
        }
    }
}
