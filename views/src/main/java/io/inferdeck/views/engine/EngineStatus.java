package io.inferdeck.views.engine;

import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.services.engine.EngineSnapshot;
import io.inferdeck.views.shell.StatusIndicator;
import io.inferdeck.views.shell.StatusLevel;

/**
 * How an engine snapshot reads at a glance, for the Engine page's header and the status bar alike: the
 * worst replica's state (so one crashed replica shows even while others serve) and its level.
 */
public final class EngineStatus {

    private EngineStatus() {
    }

    /** "Engine: Ready", "Engine: Crashed (exit 137) (2 replicas)". */
    public static StatusIndicator indicator(EngineSnapshot s) {
        return new StatusIndicator(level(s), "Engine: " + text(s));
    }

    /**
     * The worst replica's level, except that a Ready engine which runs on CPU although its profile asks for
     * GPU layers is a warning, not a green Ready.
     */
    static StatusLevel level(EngineSnapshot s) {
        StatusLevel l = levelOf(worst(s));
        return l == StatusLevel.OK && s.offloadWarning().isPresent() ? StatusLevel.WARN : l;
    }

    static EngineState worst(EngineSnapshot s) {
        return s.replicas().stream().max((a, b) -> severity(a) - severity(b)).orElse(new EngineState.Stopped("no engine"));
    }

    static String text(EngineSnapshot s) {
        String label = worst(s).label() + (worst(s) instanceof EngineState.Ready && s.offloadWarning().isPresent() ? " (on CPU)" : "");
        return s.replicas().size() > 1 ? label + " (" + s.replicas().size() + " replicas)" : label;
    }

    static int severity(EngineState s) {
        return switch (s) {
            case EngineState.Ready r -> 0;
            case EngineState.Stopped st -> 1;
            case EngineState.Starting st -> 2;
            case EngineState.Stopping st -> 3;
            case EngineState.Degraded d -> 4;
            case EngineState.Crashed c -> 5;
        };
    }

    static StatusLevel levelOf(EngineState s) {
        return switch (s) {
            case EngineState.Ready r -> StatusLevel.OK;
            case EngineState.Starting st -> StatusLevel.WARN;
            case EngineState.Stopping st -> StatusLevel.WARN;
            case EngineState.Degraded d -> StatusLevel.WARN;
            case EngineState.Crashed c -> StatusLevel.ERROR;
            case EngineState.Stopped st -> st.reason().startsWith("gave up") || st.reason().startsWith("could not")
                    ? StatusLevel.ERROR : StatusLevel.IDLE;
        };
    }
}
