package io.inferdeck.views.engine;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileDiff;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.control.profile.ProfileValidator;
import io.inferdeck.services.engine.ApplyFailure;
import io.inferdeck.services.engine.EngineControl;
import io.inferdeck.services.engine.EngineSnapshot;
import io.inferdeck.views.common.ApplyPreview;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Profile picker of the Engine page: the saved profiles (built-in default first), the one selected,
 * what applying it would change against the running profile, and Apply. FX thread only; the outcome of
 * an Apply (Ready, or why not) comes back through {@code outcomes}, which must bring it to
 * {@link #finished} on the FX thread. A profile with validation errors (or a file that does not parse)
 * is never applied; the messages say why.
 */
public final class ProfilePickerModel {
    /** How Apply number {@code seq} ended, as the message to show. */
    record Outcome(long seq, String message) {
    }

    private final EngineControl control;
    private final Consumer<Outcome> outcomes;
    private final ObservableList<ProfileLibrary.Entry> choices = FXCollections.observableArrayList();
    private final ObservableList<ProfileLibrary.Entry> readOnlyChoices = FXCollections.unmodifiableObservableList(choices);
    private final ReadOnlyObjectWrapper<ProfileLibrary.Entry> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyStringWrapper diff = new ReadOnlyStringWrapper(this, "diff", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private DeploymentProfile running;
    private long applies;

    ProfilePickerModel(EngineControl control, Consumer<Outcome> outcomes) {
        this.control = control;
        this.outcomes = outcomes;
    }

    void accept(EngineSnapshot s) {
        running = s.profile();
        if (!s.choices().equals(choices)) {
            String keep = selected.get() == null ? null : selected.get().name();
            choices.setAll(s.choices());
            selected.set(choices.stream().filter(e -> e.name().equals(keep)).findFirst()
                    .orElse(choices.isEmpty() ? null : choices.getFirst()));
        }
        refreshDiff();
    }

    public void select(ProfileLibrary.Entry entry) {
        selected.set(entry);
        message.set("");
        refreshDiff();
    }

    /** Validates the selected profile and, when it has no errors, restarts the engine with it. */
    public void apply() {
        ProfileLibrary.Entry e = selected.get();
        if (e == null) {
            return;
        }
        if (!e.usable()) {
            message.set("Cannot apply " + e.name() + ": " + e.error());
            return;
        }
        List<ProfileIssue> issues = ProfileValidator.validate(e.profile(), OptionalInt.empty(), control.profileRules());
        if (ProfileIssue.anyError(issues)) {
            message.set("Not applied — fix " + e.file() + ":\n" + issues.stream().filter(ProfileIssue::isError)
                    .map(ProfileIssue::toString).collect(Collectors.joining("\n")));
            return;
        }
        int changes = ProfileDiff.between(running, e.profile()).size();
        message.set("Applying " + e.name() + (running == null ? "" : " (" + changes + " changes)") + " — the engine restarts");
        long seq = ++applies;
        String name = e.profile().name();
        control.apply(e.profile()).whenComplete((applied, error) -> outcomes.accept(new Outcome(seq, error == null
                ? "Applied " + applied.profile().name() + ": running."
                : "Apply of " + name + " failed: " + ApplyFailure.reasonOf(error))));
    }

    /** FX thread: shows how an Apply ended, unless a later Apply has started since. */
    void finished(Outcome o) {
        if (o.seq() == applies) {
            message.set(o.message());
        }
    }

    public void refresh() {
        control.refreshProfiles();
    }

    private void refreshDiff() {
        ProfileLibrary.Entry e = selected.get();
        if (e == null || !e.usable()) {
            diff.set(e == null ? "" : e.error());
            return;
        }
        diff.set(ApplyPreview.describe(running, e.profile()));
    }

    public ObservableList<ProfileLibrary.Entry> choices() { return readOnlyChoices; }
    public ReadOnlyObjectProperty<ProfileLibrary.Entry> selectedProperty() { return selected.getReadOnlyProperty(); }
    /** Field-by-field changes the selected profile would make to the running one. */
    public ReadOnlyStringProperty diffProperty() { return diff.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
}
