package io.inferdeck.services.tuning;

import io.inferdeck.tuning.history.RunHistory;
import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.Sweep;
import io.inferdeck.tuning.sweep.SweepHistory;
import io.inferdeck.tuning.sweep.SweepOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Sweeps for the page and {@code inferdeck sweep} alike: one work folder per sweep under {@code workDir}, every
 * point recorded through {@link SweepHistory} (its row inserted before its engine starts). Blocking.
 */
final class Sweeps {
    private final RunLog log;
    private final Engines engines;
    private final Path workDir;
    private final int cores;

    /** @param cores physical cores: the stock baseline's threads (see {@link GainComparison}) */
    Sweeps(RunLog log, Engines engines, Path workDir, int cores) {
        this.log = log;
        this.engines = engines;
        this.workDir = workDir;
        this.cores = cores;
    }

    SweepResult run(SweepRequest request, Consumer<SweepOutcome> progress, BooleanSupplier stop,
                    Consumer<HistoryProblem> problems) throws IOException {
        Optional<RunHistory> history = request.recorded() ? log.forRecording(problems) : Optional.empty();
        SweepHistory rows = new SweepHistory(history.orElse(null),
                w -> problems.accept(new HistoryProblem(HistoryProblem.Kind.INCOMPLETE, log.location(), w)));
        List<SweepOutcome> outcomes = sweep(request).run(request.points(), planFor(request), rows, progress, stop);
        return new SweepResult(outcomes, Recommendation.from(outcomes, request.quality()), history.isPresent(), request.quality());
    }

    GainComparison.Result gain(SweepRequest request, List<SweepOutcome> outcomes, String baselineQuant, int rounds,
                               GainComparison.Listener listener) throws IOException {
        return new GainComparison(sweep(request), planFor(request), cores).run(outcomes, request.quality(), baselineQuant, rounds, listener);
    }

    /** The load against a point's front door, with the base profile's key (a gateway that admits by key refuses requests without one). */
    private static java.util.function.Function<String, io.inferdeck.tuning.load.BenchPlan> planFor(SweepRequest request) {
        return url -> request.load().plan(url, request.base().apiKey());
    }

    private Sweep sweep(SweepRequest request) throws IOException {
        Files.createDirectories(workDir);
        return new Sweep(request.base(), request.models(), engines.sweepPoints(Files.createTempDirectory(workDir, "sweep-")));
    }
}
