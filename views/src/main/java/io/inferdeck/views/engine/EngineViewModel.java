package io.inferdeck.views.engine;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.Hosts;
import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.services.engine.EngineControl;
import io.inferdeck.services.engine.EngineSnapshot;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.fx.PageState;
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
 * Engine page state. Snapshots and command outcomes reach it from other threads through its one
 * dispatcher channel ({@link EnginePageState}); everything else, properties and commands, is FX thread only.
 * The overall state is the worst replica's ({@link EngineStatus}), so one crashed replica shows even while
 * others serve.
 */
public final class EngineViewModel {
    private final EngineControl control;
    private final Supplier<Instant> clock;
    private final PageState<EnginePageState> page;
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(this, "stateText", "Stopped");
    private final ReadOnlyObjectWrapper<StatusLevel> level = new ReadOnlyObjectWrapper<>(this, "level", StatusLevel.IDLE);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyStringWrapper commandText = new ReadOnlyStringWrapper(this, "commandText", "");
    private final ReadOnlyStringWrapper replicasText = new ReadOnlyStringWrapper(this, "replicasText", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyStringWrapper profileName = new ReadOnlyStringWrapper(this, "profileName", "");
    private final EngineLogModel log = new EngineLogModel();
    private final ProfilePickerModel profiles;
    private EnginePageState shown = EnginePageState.EMPTY;

    /** @param clock for the replicas' uptime */
    public EngineViewModel(EngineControl control, FxDispatcher dispatcher, Supplier<Instant> clock) {
        this.control = control;
        this.clock = clock;
        this.page = PageState.latest(dispatcher, "engine", EnginePageState.EMPTY, this::show);
        this.profiles = new ProfilePickerModel(control, outcome -> page.update(st -> st.withApply(outcome)));
    }

    /** Any thread: the newest engine snapshot (the composition root connects the engine topic here). */
    public void accept(EngineSnapshot s) {
        page.update(st -> st.withEngine(s));
    }

    /** Any thread: re-derives the uptime shown (the composition root calls it once a second). */
    public void tick() {
        page.republish();
    }

    private void show(EnginePageState s) {
        EngineSnapshot engine = s.engine();
        if (engine != null && engine != shown.engine()) {
            showEngine(engine);
        }
        if (engine != null) {
            replicasText.set(describeReplicas(engine.replicas()));
        }
        if (s.apply() != null && s.apply() != shown.apply()) {
            profiles.finished(s.apply());
        }
        shown = s;
    }

    private void showEngine(EngineSnapshot s) {
        profileName.set(s.profileName());
        EngineState worst = EngineStatus.worst(s);
        stateText.set(EngineStatus.text(s));
        level.set(EngineStatus.level(s));
        String shownDetail = worst instanceof EngineState.Ready && s.profile() != null ? servingAt(s.profile()) : detailOf(worst);
        detail.set(s.offloadWarning().map(w -> "Warning: " + w + "\n" + shownDetail).orElse(shownDetail));
        running.set(s.replicas().stream().anyMatch(r -> !(r instanceof EngineState.Stopped)));
        commandText.set(String.join("\n\n", s.commandLines()));
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
                b.append(" · ").append(ready.baseUrl());
                ready.pid().ifPresentOrElse(pid -> b.append(" · pid ").append(pid), () -> b.append(" · attached"));
                b.append(" · up ").append(uptime(ready.since()));
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

    /**
     * Clients use the deployment's front door, the InferDeck gateway on the profile's host and port (a
     * wildcard bind is reached over loopback); the replicas behind it are listed with their own URLs.
     */
    private static String servingAt(DeploymentProfile p) {
        return "Serving at " + Hosts.dialUrl(p.host(), p.port()) + " (InferDeck gateway)";
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
