package io.inferdeck.views.engine;

import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.views.shell.StatusIndicator;
import io.inferdeck.views.shell.StatusLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Engine page state. FX thread only: snapshots arrive through the FX dispatcher ({@link #accept}).
 * The overall state is the worst replica's, so one crashed replica shows even while others serve.
 */
public final class EngineViewModel {
    private final EngineControl control;
    private final Supplier<Instant> clock;
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(this, "stateText", "Stopped");
    private final ReadOnlyObjectWrapper<StatusLevel> level = new ReadOnlyObjectWrapper<>(this, "level", StatusLevel.IDLE);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyStringWrapper commandText = new ReadOnlyStringWrapper(this, "commandText", "");
    private final ReadOnlyStringWrapper replicasText = new ReadOnlyStringWrapper(this, "replicasText", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyStringWrapper profileName = new ReadOnlyStringWrapper(this, "profileName", "");
    private final EngineLogModel log = new EngineLogModel();
    private final ProfilePickerModel profiles;

    public EngineViewModel(EngineControl control, Supplier<Instant> clock) {
        this.control = control;
        this.clock = clock;
        this.profiles = new ProfilePickerModel(control);
    }

    public void accept(EngineSnapshot s) {
        profileName.set(s.profileName());
        EngineState worst = s.replicas().stream().max((a, b) -> severity(a) - severity(b))
                .orElse(new EngineState.Stopped("no engine"));
        stateText.set(s.replicas().size() > 1 ? worst.label() + " (" + s.replicas().size() + " replicas)" : worst.label());
        level.set(levelOf(worst));
        detail.set(detailOf(worst));
        running.set(s.replicas().stream().anyMatch(r -> !(r instanceof EngineState.Stopped)));
        commandText.set(String.join("\n\n", s.commandLines()));
        replicasText.set(describeReplicas(s.replicas()));
        log.accept(s.logTail());
        profiles.accept(s);
    }

    /** The log tail with its level filter and search. */
    public EngineLogModel log() {
        return log;
    }

    /** The profile picker (saved profiles, diff against the running one, Apply). */
    public ProfilePickerModel profiles() {
        return profiles;
    }

    public StatusIndicator statusIndicator() {
        return new StatusIndicator(level.get(), "Engine: " + stateText.get());
    }

    public void start() {
        control.start();
    }

    public void stop() {
        control.stop();
    }

    public void restart() {
        control.restart();
    }

    private String describeReplicas(List<EngineState> replicas) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < replicas.size(); i++) {
            EngineState r = replicas.get(i);
            b.append("replica ").append(i).append(": ").append(r.label());
            if (r instanceof EngineState.Ready ready) {
                b.append(" · ").append(ready.baseUrl()).append(" · pid ").append(ready.pid())
                        .append(" · up ").append(uptime(ready.since()));
            }
            b.append('\n');
        }
        return b.toString().strip();
    }

    private String uptime(Instant since) {
        Duration d = Duration.between(since, clock.get());
        return d.toHours() > 0 ? String.format("%dh %02dm", d.toHours(), d.toMinutesPart())
                : String.format("%dm %02ds", d.toMinutes(), d.toSecondsPart());
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

    private static String detailOf(EngineState s) {
        return switch (s) {
            case EngineState.Crashed c -> "Exit code " + c.exitCode() + " — " + c.next() + "\n" + String.join("\n", c.lastLines());
            case EngineState.Stopped st -> st.reason();
            case EngineState.Degraded d -> d.reason();
            case EngineState.Ready r -> "Serving at " + r.baseUrl();
            case EngineState.Starting st -> "Loading the model (pid " + st.pid() + ")";
            case EngineState.Stopping st -> "Stopping (pid " + st.pid() + ")";
        };
    }

    public ReadOnlyStringProperty stateTextProperty() { return stateText.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<StatusLevel> levelProperty() { return level.getReadOnlyProperty(); }
    public ReadOnlyStringProperty detailProperty() { return detail.getReadOnlyProperty(); }
    public ReadOnlyStringProperty commandTextProperty() { return commandText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty replicasTextProperty() { return replicasText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty profileNameProperty() { return profileName.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
}
