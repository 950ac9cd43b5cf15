package io.inferdeck.views.traffic;

import io.inferdeck.services.traffic.TrafficEntry;
import io.inferdeck.services.traffic.TrafficSnapshot;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.fx.PageState;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Traffic page state. Snapshots of the gateway's request log arrive from the {@code traffic-poller} thread
 * through the page's one channel ({@link TrafficState}); the operator's filter, pause and selection go through
 * the same state, so the table is always derived from one value. Properties and lists: FX thread only.
 */
public final class TrafficViewModel {
    private final PageState<TrafficState> page;
    private final TrafficText text;
    private final ObservableList<TrafficEntry> rows = FXCollections.observableArrayList();
    private final ObservableList<String> keys = FXCollections.observableArrayList();
    private final ObservableList<String> upstreams = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper count = new ReadOnlyStringWrapper(this, "count", "");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyObjectWrapper<TrafficEmpty> empty = new ReadOnlyObjectWrapper<>(this, "empty");
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final ReadOnlyBooleanWrapper slowValid = new ReadOnlyBooleanWrapper(this, "slowValid", true);
    private final ReadOnlyObjectWrapper<TrafficDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private boolean replacingRows;

    /** @param zone in which request times are shown */
    public TrafficViewModel(FxDispatcher dispatcher, ZoneId zone) {
        this.text = new TrafficText(zone);
        this.page = new PageState<>(dispatcher, "traffic", TrafficState.INITIAL, this::show);
        show(TrafficState.INITIAL, TrafficState.INITIAL);
    }

    /** Any thread: the newest snapshot of the request log (the composition root connects the feed's topic here). */
    public void accept(TrafficSnapshot s) {
        page.update(st -> st.withLive(s));
    }

    private void show(TrafficState before, TrafficState now) {
        boolean first = before == now;
        if (first || PageState.changed(before, now, TrafficState::shown) || before.filter() != now.filter()) {
            TrafficSnapshot s = now.shown();
            replacingRows = true;
            try {
                rows.setAll(s.requests().stream().filter(now.filter()::test).toList());
            } finally {
                replacingRows = false;
            }
            replaceIfChanged(keys, s, e -> e.request().keyId());
            replaceIfChanged(upstreams, s, e -> e.request().upstream());
            empty.set(TrafficEmpty.of(s).orElse(null));
            source.set(s.source().map(x -> "Gateway of " + x).orElse(""));
            problem.set(s.problem().orElse(""));
        }
        paused.set(now.paused());
        count.set(countLine(now));
        if (first || !before.selected().equals(now.selected())) {
            detail.set(now.selected().map(TrafficDetail::of).orElse(null));
        }
    }

    private static void replaceIfChanged(ObservableList<String> list, TrafficSnapshot s, Function<TrafficEntry, String> part) {
        List<String> values = s.requests().stream().map(part).distinct().sorted().toList();
        if (!values.equals(list)) {
            list.setAll(values);
        }
    }

    private String countLine(TrafficState st) {
        TrafficSnapshot s = st.shown();
        if (s.capacity().isEmpty()) {
            return "";
        }
        String line = "Showing " + TrafficText.count(rows.size()) + " of " + TrafficText.count(s.requests().size())
                + " · capacity " + TrafficText.count(s.capacity().getAsInt());
        if (st.paused()) {
            long newer = s.requests().isEmpty() ? st.live().requests().size() : st.live().requests().stream()
                    .takeWhile(e -> e.request().at().isAfter(s.requests().getFirst().request().at())).count();
            line += " · paused, " + TrafficText.count(newer) + " newer";
        }
        return line;
    }

    public void pause() {
        page.update(st -> st.withPaused(true));
    }

    public void resume() {
        page.update(st -> st.withPaused(false));
    }

    public void togglePause() {
        page.update(st -> st.withPaused(!st.paused()));
    }

    public void setStatus(StatusClass s) {
        page.update(st -> st.withFilter(st.filter().withStatus(s == null ? StatusClass.ALL : s)));
    }

    /** @param key a key id, or null for every key */
    public void setKey(String key) {
        page.update(st -> st.withFilter(st.filter().withKey(Optional.ofNullable(key))));
    }

    /** @param upstream an upstream id, or null for every upstream */
    public void setUpstream(String upstream) {
        page.update(st -> st.withFilter(st.filter().withUpstream(Optional.ofNullable(upstream))));
    }

    /** "slow > X ms" as typed: blank turns it off; anything but a non-negative number leaves the filter off and marks it invalid. */
    public void setSlowerThan(String typed) {
        OptionalDouble ms = OptionalDouble.empty();
        boolean valid = true;
        if (typed != null && !typed.isBlank()) {
            try {
                double v = Double.parseDouble(typed.strip());
                valid = v >= 0 && Double.isFinite(v);
                ms = valid ? OptionalDouble.of(v) : OptionalDouble.empty();
            } catch (NumberFormatException e) {
                valid = false;
            }
        }
        slowValid.set(valid);
        OptionalDouble bound = ms;
        page.update(st -> st.withFilter(st.filter().withSlowerThan(bound)));
    }

    /** The table's selection; null (the table clears it while its rows are replaced) keeps the drill-down. */
    public void select(TrafficEntry e) {
        if (e == null && replacingRows) {
            return;
        }
        page.update(st -> st.withSelected(Optional.ofNullable(e)));
    }

    /** The selected request, to select it again after the rows were replaced. */
    public Optional<TrafficEntry> selected() {
        return page.current().selected();
    }

    String time(java.time.Instant at) {
        return text.time(at);
    }

    public ObservableList<TrafficEntry> rows() { return FXCollections.unmodifiableObservableList(rows); }
    public ObservableList<String> keyChoices() { return FXCollections.unmodifiableObservableList(keys); }
    public ObservableList<String> upstreamChoices() { return FXCollections.unmodifiableObservableList(upstreams); }
    public ReadOnlyStringProperty countProperty() { return count.getReadOnlyProperty(); }
    public ReadOnlyStringProperty sourceProperty() { return source.getReadOnlyProperty(); }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<TrafficEmpty> emptyProperty() { return empty.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty pausedProperty() { return paused.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty slowValidProperty() { return slowValid.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<TrafficDetail> detailProperty() { return detail.getReadOnlyProperty(); }
}
