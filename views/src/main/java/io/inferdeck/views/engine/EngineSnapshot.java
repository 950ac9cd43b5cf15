package io.inferdeck.views.engine;

import io.inferdeck.control.supervisor.EngineState;
import java.util.List;

/**
 * What the Engine view shows, captured off the FX thread: the profile, each replica's state, the
 * rendered command lines (keys masked) and the tail of the engine log.
 */
public record EngineSnapshot(String profileName, List<EngineState> replicas, List<String> commandLines,
                             List<String> logTail) {

    public EngineSnapshot {
        replicas = List.copyOf(replicas);
        commandLines = List.copyOf(commandLines);
        logTail = List.copyOf(logTail);
    }

    public static EngineSnapshot idle(String profileName, String reason) {
        return new EngineSnapshot(profileName, List.of(new EngineState.Stopped(reason)), List.of(), List.of());
    }
}
