package io.inferdeck.services.tuning;

import io.inferdeck.control.gateway.GatewayExtensions;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchProgress;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.LoadGenerator;
import io.inferdeck.tuning.quality.QuantReport;
import io.inferdeck.tuning.quality.QuantReportResult;
import io.inferdeck.tuning.quant.QuantMix;
import io.inferdeck.tuning.sweep.EngineMeasurer;
import io.inferdeck.tuning.sweep.GpuEnergyProbe;
import io.inferdeck.tuning.sweep.Sweep;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The real {@link Engines}: the load generator over HTTP, and engine processes launched with {@code launch}
 * and supervised on {@code supervisor} (the caller's scheduled thread; may be null for benches alone).
 */
public final class LiveEngines implements Engines {
    private final LaunchContext launch;
    private final ScheduledExecutorService supervisor;
    private final Clock clock;
    private final Function<DeploymentProfile, GatewayExtensions> gatewayParts;
    private final GpuEnergyProbe energy;

    /** @param gatewayParts what each sweep point's gateway gets from outside control (key store, live safety) */
    public LiveEngines(LaunchContext launch, ScheduledExecutorService supervisor, Clock clock,
                       Function<DeploymentProfile, GatewayExtensions> gatewayParts) {
        this(launch, supervisor, clock, gatewayParts, GpuEnergyProbe.NONE);
    }

    /** @param energy the GPUs' energy counters around each sweep point's run (tokens per joule) */
    public LiveEngines(LaunchContext launch, ScheduledExecutorService supervisor, Clock clock,
                       Function<DeploymentProfile, GatewayExtensions> gatewayParts, GpuEnergyProbe energy) {
        this.launch = launch;
        this.supervisor = supervisor;
        this.clock = clock;
        this.gatewayParts = gatewayParts;
        this.energy = energy;
    }

    @Override
    public BenchResult bench(BenchPlan plan, Consumer<BenchProgress> progress) {
        try (LoadGenerator gen = new LoadGenerator(clock)) {
            return gen.run(plan, progress);
        }
    }

    @Override
    public Sweep.Measurer sweepPoints(Path work) {
        return new EngineMeasurer(launch, work, supervisor, clock, gatewayParts, energy);
    }

    @Override
    public QuantReportResult quantReport(Path source, List<QuantMix> variants, QuantReport.Settings settings, Path work,
                                         Consumer<QuantReport.Step> progress)
            throws IOException, GgufFormatException, InterruptedException {
        return new QuantReport(launch, work, supervisor, clock, settings).run(source, variants, progress);
    }
}
