package io.inferdeck.services.engine;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.control.supervisor.EngineState;
import java.util.List;

/**
 * The console engine's state as {@link EngineService} publishes it on {@link EngineService#SNAPSHOTS}: the
 * profile that runs (null before the first start), each replica's state, the rendered command lines (keys
 * masked, the console's class path shortened), the tail of the engine log, and the profiles the operator
 * can pick (the built-in default first, file = null).
 */
public record EngineSnapshot(String profileName, DeploymentProfile profile, List<EngineState> replicas,
                             List<String> commandLines, List<String> logTail, List<ProfileLibrary.Entry> choices) {

    public EngineSnapshot {
        replicas = List.copyOf(replicas);
        commandLines = List.copyOf(commandLines);
        logTail = List.copyOf(logTail);
        choices = List.copyOf(choices);
    }

    public EngineSnapshot(String profileName, List<EngineState> replicas, List<String> commandLines, List<String> logTail) {
        this(profileName, null, replicas, commandLines, logTail, List.of());
    }

    public static EngineSnapshot idle(String profileName, String reason) {
        return new EngineSnapshot(profileName, List.of(new EngineState.Stopped(reason)), List.of(), List.of());
    }

    public EngineSnapshot withChoices(List<ProfileLibrary.Entry> newChoices) {
        return new EngineSnapshot(profileName, profile, replicas, commandLines, logTail, newChoices);
    }
}
