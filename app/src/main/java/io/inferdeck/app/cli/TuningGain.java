package io.inferdeck.app.cli;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.Sweep;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.tuning.sweep.SweepPoint;
import java.io.PrintWriter;
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
final class TuningGain {

    private TuningGain() {
    }

    static void compare(Sweep sweep, Recommendation rec, String baselineQuant, int rounds,
                        Function<String, BenchPlan> plan, PrintWriter out) {
        Optional<SweepOutcome> target = rec.best().or(rec::closest);
        SweepPoint stockPoint = new SweepPoint(baselineQuant, 2048, 1);
        Optional<DeploymentProfile> stock = sweep.profileFor(stockPoint).map(p -> p.toBuilder()
                .threads(Runtime.getRuntime().availableProcessors()).ctx(2048).batch(2048).ubatch(512).parallel(1).build());
        if (target.isEmpty() || stock.isEmpty()) {
            out.println("tuning gain: not measured (" + (target.isEmpty() ? "nothing to compare against" : "no " + baselineQuant + " model") + ")");
            return;
        }
        DeploymentProfile tuned = sweep.profileFor(target.get().point()).orElseThrow();
        out.printf("%ntuning gain: stock %s (threads %d, batch 2048, 1 slot) vs %s %s, %d A/B rounds%n", baselineQuant,
                stock.get().threads(), rec.best().isPresent() ? "recommended" : "closest", target.get().point(), rounds);
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            a.add(goodput("stock", sweep.measure(stockPoint, stock.get(), plan), out));
            b.add(goodput("tuned", sweep.measure(target.get().point(), tuned, plan), out));
        }
        double ga = mean(a);
        double gb = mean(b);
        out.printf("goodput: stock %.2f req/s, tuned %.2f req/s -> tuning gain %s%n", ga, gb,
                ga > 0 ? String.format("%.2fx", gb / ga) : "undefined (stock goodput 0; tuned " + String.format("%.2f", gb) + " req/s)");
        out.flush();
    }

    private static double goodput(String label, SweepOutcome o, PrintWriter out) {
        if (o.result().isEmpty()) {
            out.printf("  %-6s failed: %s%n", label, o.failure());
            out.flush();
            return 0;
        }
        BenchResult r = o.result().get();
        out.printf("  %-6s %6.2f req/s  goodput %6.2f req/s  P95 e2e %6.0f ms  P95 TTFT %6.0f ms  errors %d%n", label,
                r.requestsPerSecond(), r.goodputPerSecond(), r.e2e().p95Ms(), r.ttft().p95Ms(), r.sent() - r.ok());
        out.flush();
        return r.goodputPerSecond();
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
