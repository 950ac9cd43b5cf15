package io.inferdeck.tuning.sweep;

import io.inferdeck.tuning.load.BenchResult;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The sweep's answer: among points whose P95 e2e and TTFT meet the SLO and that failed at most 1% of their
 * requests, the one with the highest request rate (a fast point that rejects requests is not fast). When no point meets the SLO there is no recommendation, only the point closest to it (lowest P95
 * e2e) — recommending a setting that misses the target would be dishonest.
 */
public record Recommendation(Optional<SweepOutcome> best, Optional<SweepOutcome> closest, String reason) {

    public static final double MAX_FAILURE_RATE = 0.01;

    public static Recommendation from(List<SweepOutcome> outcomes) {
        List<SweepOutcome> measured = outcomes.stream().filter(o -> o.result().isPresent()).toList();
        Optional<SweepOutcome> best = measured.stream()
                .filter(o -> o.result().get().sloMet() && o.result().get().failureRate() <= MAX_FAILURE_RATE)
                .max(Comparator.comparingDouble(o -> o.result().get().requestsPerSecond()));
        if (best.isPresent()) {
            BenchResult r = best.get().result().get();
            return new Recommendation(best, best, String.format("%s: highest rate meeting the SLO (%.2f req/s, P95 e2e %.0f ms)",
                    best.get().point(), r.requestsPerSecond(), r.sloE2eMs()));
        }
        Optional<SweepOutcome> closest = measured.stream().min(Comparator.comparingDouble(o -> o.result().get().sloE2eMs()));
        // A point can meet the latency targets and still be excluded for failed requests: say so, not "nothing meets it"
        Optional<SweepOutcome> failing = measured.stream().filter(o -> o.result().get().sloMet())
                .max(Comparator.comparingDouble(o -> o.result().get().requestsPerSecond()));
        if (failing.isPresent()) {
            BenchResult f = failing.get().result().get();
            return new Recommendation(Optional.empty(), failing, String.format(
                    "no setting meets the SLO without failures; %s meets the latency targets but failed %.1f%% of its requests (at most %.0f%%)",
                    failing.get().point(), 100 * f.failureRate(), 100 * MAX_FAILURE_RATE));
        }
        return new Recommendation(Optional.empty(), closest, closest.map(c -> String.format(
                "no setting meets the SLO; closest is %s (P95 e2e %.0f ms)", c.point(), c.result().get().sloE2eMs()))
                .orElse("nothing was measured"));
    }
}
