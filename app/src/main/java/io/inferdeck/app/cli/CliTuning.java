package io.inferdeck.app.cli;

import io.inferdeck.app.settings.ConfigDirs;
import io.inferdeck.control.gateway.GatewayExtensions;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.services.tuning.TuningBackend;
import io.inferdeck.tuning.history.RunHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The tuning service as the CLI commands open it (the console's composition root opens its own): models, profiles
 * and history where the console keeps them, work folders in the system temp dir. Nothing is touched until used.
 */
final class CliTuning {
    private CliTuning() {
    }

    /** @param supervisor the command's engine-supervisor thread, or null for commands that start no engine */
    static TuningBackend open(ScheduledExecutorService supervisor) {
        return open(supervisor, p -> GatewayExtensions.NONE);
    }

    /** @param gatewayParts what the gateway of each engine it deploys from the profile gets ({@code GatewayParts}) */
    static TuningBackend open(ScheduledExecutorService supervisor, Function<DeploymentProfile, GatewayExtensions> gatewayParts) {
        return new TuningBackend(ModelLibrary.fromEnvironment(System.getenv()),
                new ProfileLibrary(ConfigDirs.fromEnvironment().resolve("profiles")), RunHistory.defaultLocation(System.getenv()),
                LaunchContext.forThisJvm(), Path.of(System.getProperty("java.io.tmpdir")), supervisor, Clock.systemUTC(), gatewayParts);
    }

    /** The thread a command's engines are supervised on; the command shuts it down when it returns. */
    static ScheduledExecutorService supervisor() {
        return Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-supervisor"));
    }
}
