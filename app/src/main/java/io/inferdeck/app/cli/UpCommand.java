package io.inferdeck.app.cli;

import io.inferdeck.app.GatewayParts;
import io.inferdeck.common.io.OwnedDirs;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileRules;
import io.inferdeck.control.profile.ProfileFiles;
import io.inferdeck.control.supervisor.Deployment;
import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.control.supervisor.EngineSupervisor;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.services.engine.EngineLauncher;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inferdeck up --profile P}: the supervised deployment without the UI, built by the same
 * {@link EngineLauncher} as the console's engine service (same default-model rule, same supervisor and
 * router) and the same pre-start checks. Prints one line per state change; SIGTERM/Ctrl-C stops every engine.
 * A replica that crashes before it was ever Ready ends the command with exit 1 and the engine's last
 * error line, instead of serving 503 forever.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run a deployment profile headless: supervised engine(s), automatic restarts, router for replicas.")
public final class UpCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--profile", description = "Profile file (JSON or YAML); default: builtin engine on the embedded model.")
    Path profileFile;

    @Option(names = "--port", description = "Port to serve on (overrides the profile's port).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DeploymentProfile profile = profileFile != null ? ProfileFiles.load(profileFile) : DeploymentProfile.builder().build();
        if (port != null) {
            profile = profile.toBuilder().port(port).build();
        }
        LaunchContext context = LaunchContext.forThisJvm();
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-supervisor"));
        Path work = OwnedDirs.create("inferdeck-up-");   // the next `up` removes it once this process is gone
        // the key store and live safety, when the profile asks for them (review queue shared with the console)
        GatewayParts parts = GatewayParts.open(CliErrorHandler.warnings(spec));
        Deployment deployment;
        try {
            EngineLauncher launcher = new EngineLauncher(ModelLibrary.fromEnvironment(System.getenv()), context,
                    work, exec, Clock.systemUTC(), parts, ProfileRules.of(context.drivers()).withSafetyStages(parts.stageIds()));
            profile = launcher.resolve(profile);
            if (launcher.defaultModel().toString().equals(profile.model()) && !Files.exists(launcher.defaultModel())) {
                throw CliError.failure("the default model is missing", "run `inferdeck model init` first");
            }
            profile = launcher.prepare(profile);   // every pre-start check: nothing starts that cannot run
            deployment = launcher.deploy(profile, new EngineTarget());
        } catch (Exception e) {   // nothing started: release the threads and the work folder, the handler reports e
            exec.shutdownNow();
            parts.close();
            OwnedDirs.delete(work);
            throw e;
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            out.println(Instant.now() + " stopping all engines");
            out.flush();
            deployment.close();
            exec.shutdownNow();
            parts.close();   // after the gateway: its last usage is written
            done.countDown();
        }, "up-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        AtomicReference<String> failed = new AtomicReference<>();
        deployment.subscribe((replica, state) -> {
            out.println(Instant.now() + " replica " + replica + " " + describe(state));
            out.flush();
            if (state instanceof EngineState.Stopped st && st.reason().startsWith(EngineSupervisor.STARTUP_FAILURE)
                    && failed.compareAndSet(null, "replica " + replica + ": " + st.reason())) {
                done.countDown();   // a replica that never got Ready will not: stop serving 503s and say why
            }
        });
        out.println("serving " + profile.name() + " on " + deployment.frontUrl() + " (" + deployment.replicas().size()
                + " replica(s)); logs in " + work);
        deployment.commands().forEach(c -> out.println("  " + c.display()));
        out.flush();
        deployment.start();
        done.await();
        if (failed.get() != null) {
            Runtime.getRuntime().removeShutdownHook(hook);
            deployment.close();
            exec.shutdownNow();
            parts.close();
            throw CliError.failure(failed.get(), "fix the profile or the model; the engine's log is in " + work);
        }
        return 0;
    }

    static String describe(EngineState s) {
        return switch (s) {
            case EngineState.Crashed c -> c.label() + ", " + c.next();
            case EngineState.Stopped st -> "Stopped: " + st.reason();
            case EngineState.Ready r -> "Ready at " + r.baseUrl()
                    + (r.pid().isPresent() ? " (pid " + r.pid().getAsLong() + ")" : " (attached)");
            case EngineState.Degraded d -> "Degraded: " + d.reason();
            case EngineState.Starting st -> st.label() + " (pid " + st.pid() + ")";
            default -> s.label();
        };
    }
}
