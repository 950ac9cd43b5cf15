package io.inferdeck.services.engine;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.control.supervisor.EngineState;
import java.util.List;

/**
 * The console engine's state as {@link EngineService} publishes it on {@link EngineService#SNAPSHOTS}: the
 * profile that runs (null before the first start), each replica's state, the rendered command lines (keys
 * masked, the console's class path shortened), the tail of the engine log, and the profiles the operator
 * can pick (the built-in default first, file = null), and {@code offloadWarning}: present when the profile asks
 * for GPU layers but the engine itself reports that it runs on CPU (see {@code OffloadCheck}).
 */
public record EngineSnapshot(String profileName, DeploymentProfile profile, List<EngineState> replicas,
                             List<String> commandLines, List<String> logTail, List<ProfileLibrary.Entry> choices,
                             java.util.Optional<String> offloadWarning) {

    public EngineSnapshot {
        replicas = List.copyOf(replicas);
        commandLines = List.copyOf(commandLines);
        logTail = List.copyOf(logTail);
        choices = List.copyOf(choices);
    }

    public EngineSnapshot(String profileName, DeploymentProfile profile, List<EngineState> replicas,
                          List<String> commandLines, List<String> logTail, List<ProfileLibrary.Entry> choices) {
        this(profileName, profile, replicas, commandLines, logTail, choices, java.util.Optional.empty());
    }

    public EngineSnapshot(String profileName, List<EngineState> replicas, List<String> commandLines, List<String> logTail) {
        this(profileName, null, replicas, commandLines, logTail, List.of());
    }

    public static EngineSnapshot idle(String profileName, String reason) {
        return new EngineSnapshot(profileName, List.of(new EngineState.Stopped(reason)), List.of(), List.of());
    }

    /** The built-in default as offered (the choice without a file): its settings and this session's port. Empty before the profiles are read. */
    public java.util.Optional<DeploymentProfile> defaultProfile() {
        return choices.stream().filter(e -> e.file() == null && e.usable()).map(ProfileLibrary.Entry::profile).findFirst();
    }

    /**
     * Whether {@code p} listens on the port allocated for the built-in default in this session (a profile derived
     * from it, e.g. the Models page's Run). Such a port is free now but means nothing in a saved file.
     */
    public boolean onSessionPort(DeploymentProfile p) {
        return defaultProfile().map(d -> d.port() == p.port()).orElse(false);
    }

    public EngineSnapshot withChoices(List<ProfileLibrary.Entry> newChoices) {
        return new EngineSnapshot(profileName, profile, replicas, commandLines, logTail, newChoices, offloadWarning);
    }
}
