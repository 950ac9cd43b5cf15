package io.inferdeck.app.cli;

import io.inferdeck.services.tuning.GainComparison;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.tuning.sweep.SweepPoint;
import java.io.PrintWriter;

/**
 * Prints {@code sweep --compare-defaults}: the pairing, each A/B measurement as it lands, then the tuning gain
 * (tuned goodput / stock goodput). What is measured and how is {@link GainComparison}'s.
 */
final class TuningGain implements GainComparison.Listener {
    private final PrintWriter out;
    private final int rounds;

    TuningGain(PrintWriter out, int rounds) {
        this.out = out;
        this.rounds = rounds;
    }

    @Override
    public void comparing(String baselineQuant, int stockThreads, SweepPoint target, boolean recommended) {
        out.printf("%ntuning gain: stock %s (threads %d, batch 2048, 1 slot) vs %s %s, %d A/B rounds%n", baselineQuant,
                stockThreads, recommended ? "recommended" : "closest", target, rounds);
    }

    @Override
    public void measured(String label, SweepOutcome o) {
        if (o.result().isEmpty()) {
            out.printf("  %-6s failed: %s%n", label, o.failure());
            out.flush();
            return;
        }
        BenchResult r = o.result().get();
        out.printf("  %-6s %6.2f req/s  goodput %6.2f req/s  P95 e2e %6.0f ms  P95 TTFT %6.0f ms  errors %d%n", label,
                r.requestsPerSecond(), r.goodputPerSecond(), r.e2e().p95Ms(), r.ttft().p95Ms(), r.sent() - r.ok());
        out.flush();
    }

    void result(GainComparison.Result result) {
        switch (result) {
            case GainComparison.Result.NotMeasured n -> out.println("tuning gain: not measured (" + n.reason() + ")");
            case GainComparison.Result.Measured m -> {
                double ga = m.stockGoodput();
                double gb = m.tunedGoodput();
                out.printf("goodput: stock %.2f req/s, tuned %.2f req/s -> tuning gain %s%n", ga, gb,
                        ga > 0 ? String.format("%.2fx", gb / ga) : "undefined (stock goodput 0; tuned " + String.format("%.2f", gb) + " req/s)");
                out.flush();
            }
        }
    }
}
