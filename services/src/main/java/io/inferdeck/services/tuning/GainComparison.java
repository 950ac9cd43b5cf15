package io.inferdeck.services.tuning;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.Sweep;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.tuning.sweep.SweepPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tuning-gain figure: goodput (requests/s meeting the SLO per request) of llama.cpp's stock settings
 * vs the sweep's recommendation, same load plan, measured alternately (A, B, A, B...) so drift in the
 * machine's load hits both equally. Stock = the baseline variant, threads = every core, batch 2048,
 * ubatch 512, one slot (llama-server's defaults for these knobs); ctx 2048, the embedded model's trained context.
 */
public final class GainComparison {
    static final int STOCK_BATCH = 2048;

    /** Hears the pairing before the first measurement and each measurement as it lands (labels "stock", "tuned"). */
    public interface Listener {
        void comparing(String baselineQuant, int stockThreads, SweepPoint target, boolean recommended);

        void measured(String label, SweepOutcome outcome);
    }

    /** Either why nothing was measured, or the mean goodput of each side in requests/s (a failed run counts 0). */
    public sealed interface Result {
        record NotMeasured(String reason) implements Result { }

        record Measured(double stockGoodput, double tunedGoodput) implements Result { }
    }

    private final Sweep sweep;
    private final Function<String, BenchPlan> plan;

    GainComparison(Sweep sweep, Function<String, BenchPlan> plan) {
        this.sweep = sweep;
        this.plan = plan;
    }

    Result run(Recommendation rec, String baselineQuant, int rounds, Listener listener) {
        Optional<SweepOutcome> target = rec.best().or(rec::closest);
        SweepPoint stockPoint = new SweepPoint(baselineQuant, STOCK_BATCH, 1);
        Optional<DeploymentProfile> stock = sweep.profileFor(stockPoint).map(p -> p.toBuilder()
                .threads(Runtime.getRuntime().availableProcessors()).ctx(2048).batch(STOCK_BATCH).ubatch(512).parallel(1).build());
        if (target.isEmpty() || stock.isEmpty()) {
            return new Result.NotMeasured(target.isEmpty() ? "nothing to compare against" : "no " + baselineQuant + " model");
        }
        DeploymentProfile tuned = sweep.profileFor(target.get().point()).orElseThrow();
        listener.comparing(baselineQuant, stock.get().threads(), target.get().point(), rec.best().isPresent());
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            a.add(goodput("stock", sweep.measure(stockPoint, stock.get(), plan), listener));
            b.add(goodput("tuned", sweep.measure(target.get().point(), tuned, plan), listener));
        }
        return new Result.Measured(mean(a), mean(b));
    }

    private static double goodput(String label, SweepOutcome o, Listener listener) {
        listener.measured(label, o);
        return o.result().map(r -> r.goodputPerSecond()).orElse(0.0);
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
