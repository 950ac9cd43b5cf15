package io.inferdeck.services.tuning;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.tuning.sweep.SweepPoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A sweep to run: each point is {@code base} with the point's model file (by quant), batch and slots, started on
 * a fresh engine and measured with {@code load}; {@code recorded} puts one history row per point.
 */
public record SweepRequest(DeploymentProfile base, Map<String, Path> models, List<SweepPoint> points, BenchSettings load,
                           boolean recorded) {
    public SweepRequest {
        models = Map.copyOf(models);
        points = List.copyOf(points);
    }
}
