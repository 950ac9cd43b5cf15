package io.inferdeck.services.tuning;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchProgress;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.LatencySummary;
import io.inferdeck.tuning.load.Slo;
import io.inferdeck.tuning.quality.QuantReport;
import io.inferdeck.tuning.quality.QuantReportResult;
import io.inferdeck.tuning.quant.QuantMix;
import io.inferdeck.tuning.sweep.Sweep;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.tuning.sweep.SweepPoint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** {@link Engines} that answer with given figures and remember what they were asked. */
final class GivenEngines implements Engines {
    /** The next bench's answer; {@link #benchFailure} instead when set. */
    BenchResult benchResult = result(5, 200, 250, false);
    RuntimeException benchFailure;
    final List<BenchPlan> benched = new ArrayList<>();
    /** Figures per sweep point (and per explicit profile of the tuning gain), by point. */
    Function<SweepPoint, SweepOutcome> points = p -> SweepOutcome.measured(p, result(p.parallel(), 100, 120, false));
    final List<String> measured = new ArrayList<>();
    final List<Path> workFolders = new ArrayList<>();

    /** 10 OK requests with the given throughput and e2e P95/P99 against {@link Slo#DEFAULT} (TTFT P95 10 ms). */
    static BenchResult result(double rps, double p95, double p99, boolean stoppedEarly) {
        long ok = 10;
        LatencySummary e2e = new LatencySummary(ok, p95 / 4, p95 / 2, p95 / 2, p95 * 0.9, p95, p99, p99);
        LatencySummary ttft = new LatencySummary(ok, 5, 8, 8, 9, 10, 12, 12);
        boolean met = p95 <= Slo.DEFAULT.e2e().toMillis();
        return new BenchResult("http://127.0.0.1:1/v1/chat/completions", "m", "closed loop, 4 streams", Instant.EPOCH, 10, 2,
                ok, ok, 0, 0, Map.of(), 320, 100, rps, rps * 32, Slo.DEFAULT, met ? ok : 0, met ? rps : 0, p95, 10, met,
                ttft, LatencySummary.EMPTY, e2e, LatencySummary.EMPTY, stoppedEarly, List.of(), ok);
    }

    /** A run in which every request failed, bucketed as {@code failures} says. */
    static BenchResult failed(Map<String, Long> failures) {
        long sent = failures.values().stream().mapToLong(Long::longValue).sum();
        return new BenchResult("http://127.0.0.1:1/v1/chat/completions", "m", "closed loop, 4 streams", Instant.EPOCH, 1, 0,
                sent, 0, sent, 0, failures, 0, 0, 0, 0, Slo.DEFAULT, 0, 0, Double.NaN, Double.NaN, false,
                LatencySummary.EMPTY, LatencySummary.EMPTY, LatencySummary.EMPTY, LatencySummary.EMPTY, false, List.of(), sent);
    }

    @Override
    public BenchResult bench(BenchPlan plan, Consumer<BenchProgress> progress) {
        benched.add(plan);
        if (benchFailure != null) {
            throw benchFailure;
        }
        return benchResult;
    }

    @Override
    public Sweep.Measurer sweepPoints(Path work) {
        workFolders.add(work);
        return (point, profile, plan) -> {
            measured.add(point + " threads " + profile.threads());
            return points.apply(point);
        };
    }

    @Override
    public QuantReportResult quantReport(Path source, List<QuantMix> variants, QuantReport.Settings settings, Path work,
                                         Consumer<QuantReport.Step> progress) throws IOException {
        throw new IOException("no engine in this test");
    }
}
