package io.inferdeck.services.tuning;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.tuning.sweep.QualityBudget;
import io.inferdeck.tuning.sweep.SweepPoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A sweep to run: each point is {@code base} with the point's model file (by quant), batch and slots, started on
 * a fresh engine and measured with {@code load}; {@code recorded} puts one history row per point.
 * {@code quality}: the budget the recommendation keeps, with each variant's KL ({@link TuningService#qualityBudget}).
 */
public record SweepRequest(DeploymentProfile base, Map<String, Path> models, List<SweepPoint> points, BenchSettings load,
                           boolean recorded, QualityBudget quality) {
    public SweepRequest {
        models = Map.copyOf(models);
        points = List.copyOf(points);
    }

    /** Without a quality budget. */
    public SweepRequest(DeploymentProfile base, Map<String, Path> models, List<SweepPoint> points, BenchSettings load, boolean recorded) {
        this(base, models, points, load, recorded, QualityBudget.NONE);
    }
}
