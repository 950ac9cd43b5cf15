package io.inferdeck.views.keys;

import io.inferdeck.control.gateway.keys.ApiKey;
import io.inferdeck.control.gateway.keys.KeyLimits;
import io.inferdeck.control.gateway.keys.NewKey;
import io.inferdeck.services.keys.KeyService;
import io.inferdeck.services.keys.KeysSnapshot;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.fx.PageState;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Keys page: the gateway's API keys and their daily usage as the keys feed publishes them, and the operator's
 * Add and Revoke. Snapshots arrive on any thread; Add and Revoke run on {@code worker} (they write keys.db), and
 * their outcomes, like the snapshots, reach the FX thread through the page's one channel ({@link KeysState}). A key
 * just made is in the state only while its dialog is open. Properties and commands: FX thread only.
 */
public final class KeysViewModel {
    /** The usage windows offered, in days (the feed reads the longest). */
    public static final List<Integer> DAY_CHOICES = List.of(7, 14, 30);

    private final KeyService keys;
    private final BackgroundExecutor worker;
    private final PageState<KeysState> page;
    private final KeysText text;
    private final KeyForm form = new KeyForm();
    private final ObservableList<KeyRow> keyRows = FXCollections.observableArrayList();
    private final ObservableList<UsageRow> usageRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Reading the key database…");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper(this, "empty");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<KeysDialog> dialog = new ReadOnlyObjectWrapper<>(this, "dialog", KeysDialog.NONE);
    private final ReadOnlyObjectWrapper<KeyRow> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyBooleanWrapper canRevoke = new ReadOnlyBooleanWrapper(this, "canRevoke");

    /** @param zone in which creation and revocation times are shown */
    public KeysViewModel(KeyService keys, BackgroundExecutor worker, FxDispatcher dispatcher, ZoneId zone) {
        this.keys = keys;
        this.worker = worker;
        this.text = new KeysText(zone);
        this.page = new PageState<>(dispatcher, "keys", KeysState.INITIAL, this::show);
        canRevoke.bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> selected.get() != null && selected.get().key().active() && !busy.get(), selected, busy));
    }

    /** Any thread: the newest keys and usage (the composition root connects the keys feed here). */
    public void accept(KeysSnapshot s) {
        page.update(st -> st.withSnapshot(s));
    }

    private void show(KeysState before, KeysState now) {
        if ((PageState.changed(before, now, KeysState::snapshot) || before.days() != now.days()) && now.snapshot().isPresent()) {
            KeysSnapshot s = now.snapshot().get();
            LocalDate from = LocalDate.ofInstant(s.at(), ZoneOffset.UTC).minusDays(now.days() - 1L);
            String id = selected.get() == null ? null : selected.get().key().id();   // replacing the rows clears the table's selection
            keyRows.setAll(s.keys().stream().map(k -> KeyRow.of(k, s.usage(), from)).toList());
            usageRows.setAll(s.usage().stream().filter(u -> !u.day().isBefore(from))
                    .map(u -> new UsageRow(u, s.nameOf(u.keyId()).orElse(u.keyId()))).toList());
            selected.set(keyRows.stream().filter(r -> r.key().id().equals(id)).findFirst().orElse(null));
            summary.set(summary(s, now.days()));
            problem.set(s.problem().orElse(""));
            empty.set(s.keys().isEmpty() && s.usage().isEmpty());
        }
        dialog.set(now.dialog());
        message.set(now.message());
        busy.set(now.busy());
    }

    private String summary(KeysSnapshot s, int days) {
        long active = s.keys().stream().filter(ApiKey::active).count();
        long requests = usageRows.stream().mapToLong(r -> r.usage().requests()).sum();
        return KeysText.count(s.keys().size()) + (s.keys().size() == 1 ? " key" : " keys") + " (" + KeysText.count(active)
                + " active) · last " + days + " days (UTC): " + KeysText.count(requests) + " requests";
    }

    public void setDays(int days) {
        if (!DAY_CHOICES.contains(days)) {
            throw new IllegalArgumentException("days must be one of " + DAY_CHOICES);
        }
        page.update(st -> st.withDays(days));
    }

    public int days() {
        return page.current().days();
    }

    /** The table's selection (null: none). */
    public void select(KeyRow row) {
        selected.set(row);
    }

    /** Opens the Add dialog with an empty form. */
    public void openAdd() {
        form.clear();
        page.update(st -> st.withDialog(new KeysDialog.Add("")).withMessage(""));
    }

    /** The Add dialog's Create: checks the form, then makes the key on the worker. */
    public void create() {
        Optional<String> wrong = form.problem();
        if (wrong.isPresent()) {
            page.update(st -> st.withDialog(new KeysDialog.Add(wrong.get())));
            return;
        }
        String name = form.name();
        KeyLimits limits = form.limits();
        page.update(st -> st.withBusy(true));
        worker.submit(() -> keys.add(name, limits)).whenComplete((NewKey made, Throwable err) -> page.update(st -> err == null
                ? st.withDialog(new KeysDialog.Created(made)).withBusy(false).withMessage("Key '" + name + "' created (" + made.key().id() + ").")
                : st.withDialog(new KeysDialog.Add(reason(err))).withBusy(false)));
    }

    /** Asks to confirm revoking the selected key (an active one). */
    public void askRevoke() {
        KeyRow row = selected.get();
        if (row != null && row.key().active()) {
            page.update(st -> st.withDialog(new KeysDialog.Revoke(row.key(), "")).withMessage(""));
        }
    }

    /** The confirmation's Revoke: revokes the key on the worker. */
    public void revoke() {
        if (!(page.current().dialog() instanceof KeysDialog.Revoke r)) {
            return;
        }
        page.update(st -> st.withBusy(true));
        worker.submit(() -> keys.revoke(r.key().id())).whenComplete((ApiKey k, Throwable err) -> page.update(st -> err == null
                ? st.withDialog(KeysDialog.NONE).withBusy(false).withMessage("Key '" + k.name() + "' (" + k.id()
                        + ") revoked: its clients get 401 now; gateways in other processes follow within seconds.")
                : st.withDialog(new KeysDialog.Revoke(r.key(), reason(err))).withBusy(false)));
    }

    /** Closes the dialog; a key just made leaves the page's state with it. */
    public void closeDialog() {
        page.update(st -> st.withDialog(KeysDialog.NONE));
    }

    private static String reason(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    String time(java.time.Instant at) {
        return text.time(at);
    }

    String status(ApiKey k) {
        return text.status(k);
    }

    public KeyForm form() { return form; }
    public String location() { return keys.location().toString(); }
    public ObservableList<KeyRow> keys() { return FXCollections.unmodifiableObservableList(keyRows); }
    public ObservableList<UsageRow> usage() { return FXCollections.unmodifiableObservableList(usageRows); }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty emptyProperty() { return empty.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<KeysDialog> dialogProperty() { return dialog.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<KeyRow> selectedProperty() { return selected.getReadOnlyProperty(); }
    /** A key is selected, it is active, and no command runs. */
    public ReadOnlyBooleanProperty canRevokeProperty() { return canRevoke.getReadOnlyProperty(); }
}
