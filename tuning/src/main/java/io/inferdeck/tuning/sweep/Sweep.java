package io.inferdeck.tuning.sweep;

import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.LoadShape;
import io.inferdeck.tuning.load.SloVerdict;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a grid of settings: for each point apply the profile (start a fresh engine), wait for Ready, warm
 * up and measure with the same load plan, then stop the engine. Points run one after another so they
 * never compete for the machine. Blocking: call it off the FX thread.
 */
public final class Sweep {

    /** Measures one profile under a point's label; {@link EngineMeasurer} starts a real engine, tests give figures. */
    @FunctionalInterface
    public interface Measurer {
        SweepOutcome measure(SweepPoint point, DeploymentProfile profile, Function<String, BenchPlan> planFor);
    }

    private final DeploymentProfile base;
    private final Map<String, Path> modelsByQuant;
    private final Measurer measurer;

    public Sweep(DeploymentProfile base, Map<String, Path> modelsByQuant, LaunchContext launch, Path workRoot,
                 ScheduledExecutorService exec, Clock clock) {
        this(base, modelsByQuant, new EngineMeasurer(launch, workRoot, exec, clock));
    }

    public Sweep(DeploymentProfile base, Map<String, Path> modelsByQuant, Measurer measurer) {
        this.base = base;
        this.modelsByQuant = Map.copyOf(modelsByQuant);
        this.measurer = measurer;
    }

    /** The closed-loop grid in a stable order: quant, then batch, then parallel. */
    public static List<SweepPoint> grid(List<String> quants, List<Integer> batches, List<Integer> parallels) {
        return grid(quants, batches, parallels, List.of());
    }

    /**
     * The grid with an open-loop rate ladder: every setting at each of {@code rates} (requests/s, ascending), or
     * under the closed loop when {@code rates} is empty. Order: quant, batch, parallel, rate.
     */
    public static List<SweepPoint> grid(List<String> quants, List<Integer> batches, List<Integer> parallels, List<Double> rates) {
        List<Double> ladder = rates.isEmpty() ? List.of(0.0) : rates.stream().sorted().distinct().toList();
        List<SweepPoint> points = new ArrayList<>();
        for (String q : quants) {
            for (int b : batches) {
                for (int p : parallels) {
                    ladder.forEach(r -> points.add(new SweepPoint(q, b, p, r)));
                }
            }
        }
        return points;
    }

    /** Measures every point; {@code planFor} builds the load plan for an engine URL; progress gets each outcome. */
    public List<SweepOutcome> run(List<SweepPoint> points, Function<String, BenchPlan> planFor, Consumer<SweepOutcome> progress) {
        return run(points, planFor, new SweepHistory(null, w -> { }), progress);
    }

    /** As {@link #run(List, Function, Consumer)}, recording each point in {@code history} (its row exists before its engine starts). */
    public List<SweepOutcome> run(List<SweepPoint> points, Function<String, BenchPlan> planFor, SweepHistory history,
                                  Consumer<SweepOutcome> progress) {
        return run(points, planFor, history, progress, () -> false);
    }

    /** As above, ending before the next point once {@code stopRequested} says so (the point being measured finishes). */
    public List<SweepOutcome> run(List<SweepPoint> points, Function<String, BenchPlan> planFor, SweepHistory history,
                                  Consumer<SweepOutcome> progress, BooleanSupplier stopRequested) {
        List<SweepOutcome> outcomes = new ArrayList<>();
        for (SweepPoint point : points) {
            if (stopRequested.getAsBoolean()) {
                break;
            }
            Optional<SweepOutcome> lower = missedBelow(point, outcomes);
            if (lower.isPresent()) {   // a higher rate cannot meet what a lower one missed: not measured, not recorded
                SweepOutcome skipped = SweepOutcome.failed(point, "skipped: missed the SLO at " + lower.get().point().rate() + " req/s");
                outcomes.add(skipped);
                progress.accept(skipped);
                continue;
            }
            long id = history.starting(point, profileFor(point).orElse(base));
            SweepOutcome o = profileFor(point).map(p -> measure(point, p, openLoop(point, planFor)))
                    .orElseGet(() -> SweepOutcome.failed(point, "no model file for " + point.quant()));
            history.finished(id, o);
            outcomes.add(o);
            progress.accept(o);
        }
        return outcomes;
    }

    /** A lower rung of {@code point}'s rate ladder that missed the SLO on latency or failures. */
    private static Optional<SweepOutcome> missedBelow(SweepPoint point, List<SweepOutcome> done) {
        return point.openLoop() ? done.stream().filter(o -> o.point().settings().equals(point.settings()) && o.point().rate() < point.rate())
                .filter(o -> o.result().map(r -> {
                    SloVerdict v = SloVerdict.of(r);
                    return v == SloVerdict.MISSED || v == SloVerdict.TOO_MANY_FAILED;
                }).orElse(false)).findFirst() : Optional.empty();
    }

    /** An open-loop point's plan: the sweep's plan with Poisson arrivals at the point's rate. */
    private static Function<String, BenchPlan> openLoop(SweepPoint point, Function<String, BenchPlan> planFor) {
        return point.openLoop() ? url -> planFor.apply(url).withLoad(new LoadShape.OpenLoop(point.rate(), LoadShape.Arrivals.POISSON))
                : planFor;
    }

    /**
     * The profile a grid point runs: the base with the point's model variant, batch and slots. llama.cpp
     * divides ctx among the slots, so ctx is scaled to give each slot the base ctx. Empty when the
     * variant has no model file.
     */
    public Optional<DeploymentProfile> profileFor(SweepPoint point) {
        Path model = modelsByQuant.get(point.quant());
        return Optional.ofNullable(model).map(m -> base.toBuilder().model(m.toString()).quantization(point.quant())
                .ctx(base.ctx() * point.parallel())
                .batch(point.batch()).ubatch(Math.min(point.batch(), base.ubatch())).parallel(point.parallel())
                .replicas(1).build());
    }

    /** Measures an explicit profile (e.g. the engine's stock settings), labelled {@code point}, like a grid point. */
    public SweepOutcome measure(SweepPoint point, DeploymentProfile profile, Function<String, BenchPlan> planFor) {
        return measurer.measure(point, profile, planFor);
    }
}
