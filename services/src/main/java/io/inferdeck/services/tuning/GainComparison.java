package io.inferdeck.services.tuning;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.sweep.QualityBudget;
import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.Sweep;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.tuning.sweep.SweepPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The honest tuning gain, as two numbers: the <em>settings gain</em> (the best point at the baseline's own
 * quantization vs the baseline) and the <em>total gain</em> (the recommendation under the quality budget, which may
 * change the quantization, vs the baseline). Goodput = requests/s whose own e2e and TTFT meet the SLO; the same
 * closed-loop plan for all; measured in rounds (stock, settings, total, ...) so drift in the machine's load hits all
 * equally; a failed run counts 0. Stock = llama-server's current defaults as the built-in engine can express them
 * ({@link #stock}; each default and its source in docs/tuning.md).
 */
public final class GainComparison {
    static final int STOCK_BATCH = 2048;
    static final int STOCK_UBATCH = 512;
    /** llama-server with --parallel unset (auto): 4 slots, unified KV cache. */
    static final int STOCK_SLOTS = 4;
    /** The embedded model's trained context: llama-server's ctx 0 = "from the model". */
    static final int TRAINED_CTX = 2048;

    /** Hears the pairing before the first measurement and each measurement as it lands ("stock", "settings", "total"). */
    public interface Listener {
        void comparing(String stock, Target settings, Target total, QualityBudget budget);

        void measured(String label, SweepOutcome outcome);
    }

    /** A side of the comparison: the point and whether it is a recommendation (else the point closest to the SLO). */
    public record Target(SweepPoint point, boolean recommended) {
    }

    /** Either why nothing was measured, or each side's mean goodput in requests/s. */
    public sealed interface Result {
        record NotMeasured(String reason) implements Result { }

        record Measured(double stockGoodput, double settingsGoodput, double totalGoodput, Target settings, Target total,
                        QualityBudget budget) implements Result {
            /** Settings-only gain at the baseline's quantization; NaN when the stock goodput is 0 (unbounded). */
            public double settingsGain() {
                return stockGoodput > 0 ? settingsGoodput / stockGoodput : Double.NaN;
            }

            /** Gain with the quantization the quality budget allows; NaN when the stock goodput is 0. */
            public double totalGain() {
                return stockGoodput > 0 ? totalGoodput / stockGoodput : Double.NaN;
            }
        }
    }

    private final Sweep sweep;
    private final Function<String, BenchPlan> plan;
    private final int physicalCores;

    GainComparison(Sweep sweep, Function<String, BenchPlan> plan, int physicalCores) {
        this.sweep = sweep;
        this.plan = plan;
        this.physicalCores = physicalCores;
    }

    /** llama-server's defaults on the built-in engine, at {@code quant}: empty when there is no such model file. */
    Optional<DeploymentProfile> stock(String quant) {
        return sweep.profileFor(new SweepPoint(quant, STOCK_BATCH, STOCK_SLOTS)).map(p -> p.toBuilder().threads(physicalCores)
                .ctx(TRAINED_CTX * STOCK_SLOTS).batch(STOCK_BATCH).ubatch(STOCK_UBATCH).parallel(STOCK_SLOTS)
                .flashAttention(true).cacheTypeK(null).cacheTypeV(null).build());
    }

    static String describeStock(String quant, int threads) {
        return quant + ", threads " + threads + " (physical cores), " + STOCK_SLOTS + " slots with " + TRAINED_CTX
                + " tokens each (unified KV), batch " + STOCK_BATCH + ", ubatch " + STOCK_UBATCH + ", flash attention on (auto on CPU)";
    }

    Result run(List<SweepOutcome> outcomes, QualityBudget budget, String baselineQuant, int rounds, Listener listener) {
        Optional<Target> settings = target(Recommendation.from(outcomes.stream()
                .filter(o -> o.point().quant().equals(baselineQuant)).toList(), QualityBudget.NONE));
        // the total side keeps the budget even when nothing meets the SLO: its closest point is an allowed variant's
        Optional<Target> total = target(Recommendation.from(outcomes.stream().filter(o -> budget.allows(o.point().quant())).toList(), budget));
        Optional<DeploymentProfile> stock = stock(baselineQuant);
        if (settings.isEmpty() || total.isEmpty() || stock.isEmpty()) {
            return new Result.NotMeasured(stock.isEmpty() ? "no " + baselineQuant + " model"
                    : settings.isEmpty() ? "no " + baselineQuant + " point was measured" : "nothing to compare against");
        }
        listener.comparing(describeStock(baselineQuant, physicalCores), settings.get(), total.get(), budget);
        SweepPoint stockPoint = new SweepPoint(baselineQuant, STOCK_BATCH, STOCK_SLOTS);
        boolean same = settings.get().point().equals(total.get().point());
        List<Double> a = new ArrayList<>(), b = new ArrayList<>(), c = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            a.add(goodput("stock", sweep.measure(stockPoint, stock.get(), plan), listener));
            b.add(goodput("settings", measure(settings.get().point()), listener));
            c.add(same ? b.getLast() : goodput("total", measure(total.get().point()), listener));
        }
        return new Result.Measured(mean(a), mean(b), mean(c), settings.get(), total.get(), budget);
    }

    private SweepOutcome measure(SweepPoint point) {
        return sweep.measure(point, sweep.profileFor(point).orElseThrow(), plan);
    }

    /** The recommendation's settings (an open-loop rung's settings, measured under the closed loop), else the closest point. */
    private static Optional<Target> target(Recommendation rec) {
        return rec.best().map(b -> new Target(b.point().settings(), true))
                .or(() -> rec.closest().map(c -> new Target(c.point().settings(), false)));
    }

    private static double goodput(String label, SweepOutcome o, Listener listener) {
        listener.measured(label, o);
        return o.result().map(r -> r.goodputPerSecond()).orElse(0.0);
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
