package io.inferdeck.tuning.sweep;

import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.PercentileInterval;
import io.inferdeck.tuning.load.SloVerdict;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The sweep's answer: among points whose verdict is {@link SloVerdict#MET} (latency within target, at most 1% failed,
 * enough requests for the percentile) and whose variant the {@link QualityBudget} allows, the one with the highest
 * goodput. {@code bound} names the constraint that stopped a faster point from winning. When no point qualifies
 * there is no recommendation, only the point closest to it — recommending a setting that misses the target, or one
 * measured on too few requests to say, would be dishonest.
 */
public record Recommendation(Optional<SweepOutcome> best, Optional<SweepOutcome> closest, String reason, Bound bound) {

    public static final double MAX_FAILURE_RATE = SloVerdict.MAX_FAILED_SHARE;

    /** What bound the choice. */
    public enum Bound {
        LATENCY_SLO("the latency SLO"), QUALITY_BUDGET("the quality budget"), GRID("neither: the fastest point measured qualifies"),
        NOTHING("no point qualifies");

        private final String text;

        Bound(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public static Recommendation from(List<SweepOutcome> outcomes) {
        return from(outcomes, QualityBudget.NONE);
    }

    public static Recommendation from(List<SweepOutcome> outcomes, QualityBudget budget) {
        List<SweepOutcome> measured = outcomes.stream().filter(o -> o.result().isPresent()).toList();
        Predicate<SweepOutcome> met = o -> SloVerdict.of(o.result().get()) == SloVerdict.MET;
        Optional<SweepOutcome> best = fastest(measured, met.and(o -> budget.allows(o.point().quant())));
        if (best.isPresent()) {
            return chosen(best.get(), measured, met, budget);
        }
        Optional<SweepOutcome> closest = measured.stream().min(Comparator.comparingDouble(o -> o.result().get().sloE2eMs()));
        Optional<SweepOutcome> failing = fastest(measured, o -> verdict(o) == SloVerdict.TOO_MANY_FAILED && o.result().get().sloMet());
        if (failing.isPresent()) {
            BenchResult f = failing.get().result().get();
            return none(failing, String.format(Locale.ROOT,
                    "no setting meets the SLO without failures; %s meets the latency targets but failed %.1f%% of its requests (at most %.0f%%)",
                    failing.get().point(), 100 * f.failureRate(), 100 * MAX_FAILURE_RATE));
        }
        Optional<SweepOutcome> short_ = fastest(measured, o -> verdict(o) == SloVerdict.NOT_ENOUGH_DATA);
        if (short_.isPresent()) {
            BenchResult s = short_.get().result().get();
            return none(short_, String.format(Locale.ROOT, "no setting meets the SLO on enough requests; %s meets the latency targets "
                    + "on %d requests, P%s needs at least %d (lengthen the window)", short_.get().point(), s.e2e().count(),
                    trim(s.slo().percentile()), PercentileInterval.minSamples(s.slo().percentile())));
        }
        Optional<SweepOutcome> refused = fastest(measured, met);
        if (refused.isPresent()) {
            return none(refused, "no setting meets the SLO within the quality budget (" + budget + "); " + refused.get().point()
                    + " meets the SLO but its " + budget.refusal(refused.get().point().quant()));
        }
        return none(closest, closest.map(c -> String.format(Locale.ROOT, "no setting meets the SLO; closest is %s (P95 e2e %.0f ms)",
                c.point(), c.result().get().sloE2eMs())).orElse("nothing was measured"));
    }

    private static Recommendation chosen(SweepOutcome best, List<SweepOutcome> measured, Predicate<SweepOutcome> met, QualityBudget budget) {
        BenchResult r = best.result().get();
        double goodput = r.goodputPerSecond();
        Optional<SweepOutcome> refused = fastest(measured, met.and(o -> o.result().get().goodputPerSecond() > goodput));
        Optional<SweepOutcome> missed = measured.stream().filter(met.negate().and(o -> o.result().get().requestsPerSecond() > goodput))
                .max(Comparator.comparingDouble(o -> o.result().get().requestsPerSecond()));
        Bound bound = refused.isPresent() ? Bound.QUALITY_BUDGET : missed.isPresent() ? Bound.LATENCY_SLO : Bound.GRID;
        String why = switch (bound) {
            case QUALITY_BUDGET -> String.format(Locale.ROOT, "%s reaches %.2f req/s but its %s", refused.get().point(),
                    refused.get().result().get().goodputPerSecond(), budget.refusal(refused.get().point().quant()));
            case LATENCY_SLO -> String.format(Locale.ROOT, "%s reaches %.2f req/s but its SLO verdict is %s", missed.get().point(),
                    missed.get().result().get().requestsPerSecond(), SloVerdict.of(missed.get().result().get()).describe(missed.get().result().get()));
            default -> "no faster point was measured";
        };
        return new Recommendation(Optional.of(best), Optional.of(best), String.format(Locale.ROOT,
                "%s: highest goodput meeting the SLO within %s (%.2f req/s, P95 e2e %.0f ms on %d requests); bound by %s: %s",
                best.point(), budget, goodput, r.sloE2eMs(), r.e2e().count(), bound, why), bound);
    }

    private static Recommendation none(Optional<SweepOutcome> closest, String reason) {
        return new Recommendation(Optional.empty(), closest, reason, Bound.NOTHING);
    }

    private static Optional<SweepOutcome> fastest(List<SweepOutcome> measured, Predicate<SweepOutcome> which) {
        return measured.stream().filter(which).max(Comparator.comparingDouble(o -> o.result().get().goodputPerSecond()));
    }

    private static SloVerdict verdict(SweepOutcome o) {
        return SloVerdict.of(o.result().get());
    }

    private static String trim(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
