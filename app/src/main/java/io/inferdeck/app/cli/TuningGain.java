package io.inferdeck.app.cli;

import io.inferdeck.services.tuning.GainComparison;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.SloVerdict;
import io.inferdeck.tuning.sweep.QualityBudget;
import io.inferdeck.tuning.sweep.SweepOutcome;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints {@code sweep --compare-defaults}: the baseline and the two targets, each measurement as it lands, then the
 * settings gain (same quantization as the baseline) and the total gain (the quantization the quality budget allows)
 * on separate lines with the budget that applied. What is measured and how is {@link GainComparison}'s.
 */
final class TuningGain implements GainComparison.Listener {
    private final PrintWriter out;
    private final int rounds;

    TuningGain(PrintWriter out, int rounds) {
        this.out = out;
        this.rounds = rounds;
    }

    @Override
    public void comparing(String stock, GainComparison.Target settings, GainComparison.Target total, QualityBudget budget) {
        out.printf("%ntuning gain, %d rounds, closed loop; baseline = llama-server's defaults: %s%n", rounds, stock);
        out.printf("  settings: %s %s%n  total:    %s %s (quality budget: %s)%n", label(settings), settings.point(), label(total),
                total.point(), budget);
        out.flush();
    }

    private static String label(GainComparison.Target t) {
        return t.recommended() ? "recommended" : "closest to the SLO";
    }

    @Override
    public void measured(String label, SweepOutcome o) {
        if (o.result().isEmpty()) {
            out.printf("  %-8s failed: %s%n", label, o.failure());
            out.flush();
            return;
        }
        BenchResult r = o.result().get();
        out.printf(Locale.ROOT, "  %-8s %6.2f req/s  goodput %6.2f req/s  P95 e2e %6.0f ms  P95 TTFT %6.0f ms  n %d  SLO %s%n", label,
                r.requestsPerSecond(), r.goodputPerSecond(), r.e2e().p95Ms(), r.ttft().p95Ms(), r.e2e().count(), SloVerdict.of(r).describe(r));
        out.flush();
    }

    void result(GainComparison.Result result) {
        switch (result) {
            case GainComparison.Result.NotMeasured n -> out.println("tuning gain: not measured (" + n.reason() + ")");
            case GainComparison.Result.Measured m -> {
                out.printf(Locale.ROOT, "goodput: stock %.2f req/s, settings %.2f req/s, total %.2f req/s%n", m.stockGoodput(),
                        m.settingsGoodput(), m.totalGoodput());
                out.println("settings gain (same quantization as the baseline, " + m.settings().point().quant() + "): " + ratio(m.settingsGain()));
                out.println("total gain (" + m.total().point().quant() + ", quality budget " + m.budget() + "): " + ratio(m.totalGain()));
                out.flush();
            }
        }
    }

    private static String ratio(double gain) {
        return Double.isNaN(gain) ? "undefined (stock goodput 0)" : String.format(Locale.ROOT, "%.2fx", gain);
    }
}
