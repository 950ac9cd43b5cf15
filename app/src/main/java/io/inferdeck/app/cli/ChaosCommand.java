package io.inferdeck.app.cli;

import io.inferdeck.app.GatewayParts;
import io.inferdeck.common.io.OwnedDirs;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.ProfileFiles;
import io.inferdeck.control.supervisor.Deployment;
import io.inferdeck.control.supervisor.OutageClock;
import io.inferdeck.control.supervisor.ReplicaChaos;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.services.engine.EngineLauncher;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.LoadGenerator;
import io.inferdeck.tuning.load.LoadShape;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inferdeck chaos --profile P --duration D}: runs the profile's deployment (same launcher and checks as
 * {@code up}), a closed-loop bench against its front door, and random SIGKILL/SIGSTOP of replicas
 * ({@link ReplicaChaos}); prints sent = ok + errors (+ timeouts) and the longest span with no Ready replica
 * ({@link OutageClock}). Bounded: at most one hour, and it stops every engine when done.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Soak a deployment: bench load while replicas are randomly SIGKILLed or SIGSTOPped.")
public final class ChaosCommand implements Callable<Integer> {
    private static final Duration MAX_DURATION = Duration.ofHours(1);

    @Spec CommandSpec spec;

    @Option(names = "--profile", required = true, description = "Profile file (JSON or YAML).")
    Path profileFile;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
            description = "Measured time, at most 1h (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--interval", defaultValue = "5s", converter = DurationConverter.class,
            description = "Time between faults (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--stop-share", defaultValue = "0.3", description = "Share of faults that are SIGSTOP (then SIGCONT) instead of SIGKILL.")
    double stopShare;

    @Option(names = "--stop-for", defaultValue = "2s", converter = DurationConverter.class, description = "How long a SIGSTOP lasts.")
    Duration stopFor;

    @Option(names = "--concurrency", defaultValue = "4", description = "Concurrent bench clients (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the fault schedule.")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0
                || !interval.isPositive() || concurrency < 1 || stopShare < 0 || stopShare > 1) {
            throw CliError.badInput("--duration must be in (0, 1h], --interval > 0, --concurrency >= 1, --stop-share in [0, 1]",
                    "see 'inferdeck chaos --help'");
        }
        PrintWriter out = spec.commandLine().getOut();
        ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-supervisor"));
        ScheduledExecutorService chaos = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "chaos"));
        Path work = OwnedDirs.create("inferdeck-chaos-");
        Clock clock = Clock.systemUTC();
        GatewayParts parts = GatewayParts.open(CliErrorHandler.warnings(spec));   // key store and live safety, as `up` gives them
        EngineLauncher launcher = new EngineLauncher(ModelLibrary.fromEnvironment(System.getenv()), LaunchContext.forThisJvm(),
                work, supervisor, clock, parts);
        Deployment deployment = null;
        try {
            deployment = launcher.deploy(launcher.prepare(ProfileFiles.load(profileFile)), new EngineTarget());
            OutageClock outages = new OutageClock(clock, deployment.replicas().size());
            deployment.subscribe(outages::accept);
            deployment.start();
            Optional<String> notReady = deployment.awaitReady(Duration.ofMinutes(2));
            if (notReady.isPresent()) {
                throw CliError.failure(notReady.get(), "the engine's log is in " + work);
            }
            var upstreams = deployment.gateway().upstreams().all();   // in replica order
            ReplicaChaos faults = new ReplicaChaos(deployment.replicas(), seed, stopShare, stopFor, chaos,
                    i -> upstreams.get(i).inFlight());
            faults.start(interval);
            BenchPlan plan = BenchPlan.builder(deployment.frontUrl().toString(), new LoadShape.ClosedLoop(concurrency))
                    .duration(duration).apiKey(deployment.profile().apiKey()).build();
            BenchResult r;
            try (LoadGenerator load = new LoadGenerator(clock)) {
                r = load.run(plan, p -> { });
            }
            chaos.shutdownNow();
            faults.resumeAll();
            out.printf("sent %d = ok %d + errors %d + timeouts %d%n", r.sent(), r.ok(), r.errors(), r.timeouts());
            out.printf("failures by cause: %s%n", r.failuresByCause());
            out.printf("faults: %d SIGKILL, %d SIGSTOP (%d ms each), every %d ms%n", faults.kills(), faults.stops(),
                    stopFor.toMillis(), interval.toMillis());
            out.printf("longest all-down window: %d ms (%d windows)%n", outages.longest().toMillis(), outages.windows());
            ChaosAccount.of(faults.faults(), r).print(out);
            out.flush();
            return 0;
        } finally {
            chaos.shutdownNow();
            if (deployment != null) {
                deployment.close();
            }
            supervisor.shutdownNow();
            parts.close();   // after the gateway: its last usage is written
        }
    }
}
