package io.inferdeck.views.fleet;

import io.inferdeck.services.fleet.FleetHistory;
import io.inferdeck.services.fleet.FleetSource;
import io.inferdeck.services.fleet.FleetStatus;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.fx.PageState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Fleet page: the fleet as a Prometheus server sees it — nodes × GPUs, engines with QPS, latency percentiles,
 * KV cache, queue and SLO state, firing alerts — and its history over a chosen range (15 min … 7 days) read with
 * {@code query_range}, so it survives console restarts. Selecting a row narrows the page to that row's node
 * ("click-through"); {@link #ALL} shows every node again.
 *
 * <p>Threads: reads run on {@code worker}; their results reach the FX thread through the page's one channel
 * ({@link FleetState}). Properties and commands: FX thread only.
 */
public final class FleetViewModel {
    public static final String ALL = "All nodes";
    public static final List<Duration> RANGES = List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6),
            Duration.ofHours(24), Duration.ofDays(7));
    /** Window of the status' rates and percentiles (as {@code fleet status} defaults to). */
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final Function<URI, FleetSource> sources;
    private final BackgroundExecutor worker;
    private final Clock clock;
    private final PageState<FleetState> page;
    private final StringProperty url = new SimpleStringProperty(this, "url");
    private final ObjectProperty<Duration> range = new SimpleObjectProperty<>(this, "range", Duration.ofHours(1));
    private final StringProperty node = new SimpleStringProperty(this, "node", ALL);
    private final ObservableList<String> nodes = FXCollections.observableArrayList(ALL);
    private final ObservableList<FleetRows.Gpu> gpus = FXCollections.observableArrayList();
    private final ObservableList<FleetRows.Engine> engines = FXCollections.observableArrayList();
    private final ObservableList<String> alerts = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<FleetHistory> history = new ReadOnlyObjectWrapper<>(this, "history");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message",
            "Enter the Prometheus that scrapes your fleet and press Refresh (see docs/fleet.md).");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private FleetState shown = FleetState.EMPTY;
    private long seq;

    /** @param sources a {@link FleetSource} per Prometheus base URL (the composition root owns its HTTP client) */
    public FleetViewModel(Function<URI, FleetSource> sources, String initialUrl, BackgroundExecutor worker,
                          FxDispatcher dispatcher, Clock clock) {
        this.sources = sources;
        this.worker = worker;
        this.clock = clock;
        this.page = PageState.latest(dispatcher, "fleet", FleetState.EMPTY, this::show);
        url.set(initialUrl);
        node.subscribe(n -> showNode());
    }

    /** Reads the status (now) and the history (the chosen range up to now) from the Prometheus at {@link #urlProperty}. */
    public void refresh() {
        URI base;
        try {
            base = URI.create(Objects.requireNonNullElse(url.get(), "").strip());
            if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null) {
                throw new IllegalArgumentException("expected http(s)://host:port");
            }
        } catch (IllegalArgumentException e) {
            message.set("Prometheus URL: " + e.getMessage());
            return;
        }
        long mine = ++seq;
        Duration r = range.get();
        page.update(s -> s.loading(mine, "Reading " + base + " …"));
        worker.execute(() -> {
            try {
                FleetSource source = sources.apply(base);
                Instant now = clock.instant();
                FleetStatus status = source.status(now, WINDOW);
                FleetHistory h = source.history(now.minus(r), now);
                page.update(s -> s.read(mine, status, h, "Read " + base + " at " + now + "."));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                page.update(s -> s.failed(mine, "Could not read " + base + ": " + Objects.requireNonNullElse(e.getMessage(), e.toString())));
            }
        });
    }

    /** Click-through: narrows the page to one node (tables and charts). */
    public void select(String nodeName) {
        node.set(nodeName == null ? ALL : nodeName);
    }

    private void show(FleetState s) {
        if (s.seq() > 0) {
            message.set(s.message());
        }
        if (s.status() != null && s.status() != shown.status()) {
            List<String> names = s.status().nodes().stream().map(FleetStatus.Node::name).toList();
            nodes.setAll(ALL);
            nodes.addAll(names);
            if (!names.contains(node.get())) {
                node.set(ALL);
            }
            summary.set(FleetRows.summary(s.status()));
            alerts.setAll(FleetRows.alerts(s.status()));
        }
        shown = s;
        showNode();
    }

    private void showNode() {
        if (shown.status() == null) {
            return;
        }
        String n = node.get();
        gpus.setAll(FleetRows.gpus(shown.status()).stream().filter(g -> ALL.equals(n) || g.node().equals(n)).toList());
        engines.setAll(FleetRows.engines(shown.status()).stream().filter(e -> ALL.equals(n) || e.node().equals(n)).toList());
        history.set(shown.history() == null ? null : ALL.equals(n) ? shown.history() : onNode(shown.history(), n));
    }

    /** Lines are labelled "node …", so a node's part is the lines that start with its name. */
    private static FleetHistory onNode(FleetHistory h, String n) {
        return new FleetHistory(h.from(), h.to(), h.step(), h.trends().stream().map(t -> new FleetHistory.Trend(t.id(), t.title(), t.unit(),
                t.lines().stream().filter(l -> l.label().startsWith(n + " ")).toList())).toList());
    }

    public StringProperty urlProperty() { return url; }
    public ObjectProperty<Duration> rangeProperty() { return range; }
    public StringProperty nodeProperty() { return node; }
    public ObservableList<String> nodes() { return nodes; }
    public ObservableList<FleetRows.Gpu> gpus() { return gpus; }
    public ObservableList<FleetRows.Engine> engines() { return engines; }
    public ObservableList<String> alerts() { return alerts; }
    /** The history shown (narrowed to the selected node); null before the first read. */
    public ReadOnlyObjectProperty<FleetHistory> historyProperty() { return history.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
}
