package io.inferdeck.tuning.sweep;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.gateway.GatewayExtensions;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.supervisor.Deployment;
import io.inferdeck.control.supervisor.FreePorts;
import io.inferdeck.control.supervisor.RestartPolicy;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.LoadGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The real {@link Sweep.Measurer}: starts the profile as one replica on a free port in its own folder under
 * {@code workRoot}, waits for Ready (at most {@value #READY_TIMEOUT_S} s), measures, and stops the engine.
 * Blocking; any failure becomes a failed outcome. {@code exec} supervises the engine (the caller's thread). Its
 * gateway gets the same parts as any other deployment of the profile ({@link Deployment#of}).
 */
public final class EngineMeasurer implements Sweep.Measurer {
    private static final long READY_TIMEOUT_S = 120;

    private final LaunchContext launch;
    private final Path workRoot;
    private final ScheduledExecutorService exec;
    private final Clock clock;
    private final Function<DeploymentProfile, GatewayExtensions> gatewayParts;
    private final GpuEnergyProbe energy;

    public EngineMeasurer(LaunchContext launch, Path workRoot, ScheduledExecutorService exec, Clock clock) {
        this(launch, workRoot, exec, clock, p -> GatewayExtensions.NONE, GpuEnergyProbe.NONE);
    }

    /**
     * @param gatewayParts what each point's gateway gets from outside control (key store, live safety), as {@code up} gives it
     * @param energy       the GPUs' energy counters around each run, for tokens per joule
     */
    public EngineMeasurer(LaunchContext launch, Path workRoot, ScheduledExecutorService exec, Clock clock,
                          Function<DeploymentProfile, GatewayExtensions> gatewayParts, GpuEnergyProbe energy) {
        this.launch = launch;
        this.workRoot = workRoot;
        this.exec = exec;
        this.clock = clock;
        this.gatewayParts = gatewayParts;
        this.energy = energy;
    }

    @Override
    public SweepOutcome measure(SweepPoint point, DeploymentProfile profile, Function<String, BenchPlan> planFor) {
        try {
            DeploymentProfile p = profile.toBuilder().replicas(1).port(FreePorts.allocate()).build();
            try (Deployment d = Deployment.of(p, launch, workRoot.resolve(point.quant() + "-b" + point.batch() + "-p" + point.parallel()),
                    new EngineTarget(), exec, RestartPolicy.NEVER, clock, gatewayParts)) {
                d.start();
                String failure = d.awaitReady(Duration.ofSeconds(READY_TIMEOUT_S)).orElse(null);
                if (failure != null) {
                    return SweepOutcome.failed(point, failure);
                }
                try (LoadGenerator gen = new LoadGenerator(clock)) {
                    var before = energy.read();
                    BenchResult r = gen.run(planFor.apply(d.frontUrl().toString()), progress -> { });
                    return SweepOutcome.measured(point, r,
                            GpuEnergyProbe.tokensPerJoule(r.outputTokensPerSecond(), before, energy.read()));
                }
            }
        } catch (Exception e) {
            return SweepOutcome.failed(point, e.getMessage());
        }
    }
}
