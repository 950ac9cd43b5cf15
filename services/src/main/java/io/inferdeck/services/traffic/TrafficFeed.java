package io.inferdeck.services.traffic;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.services.bus.Topic;
import io.inferdeck.services.bus.TopicKey;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Polls the current deployment's gateway request log and publishes what the Traffic page shows on
 * {@link #SNAPSHOTS}. The deployment is whatever {@code target} (the console's {@code EngineTarget}) points at
 * when a poll runs; a new one gets a new {@link TrafficReader} (and so a new window). A snapshot is published only
 * when it differs from the last one, so an idle gateway costs the page nothing.
 *
 * <p>Runs on the single-threaded executor the composition root gives it ({@code traffic-poller}), which it never
 * shuts down; a poll blocks up to the client's timeout. {@link #pollOnce} and {@link #close} are serialised.
 */
public final class TrafficFeed implements AutoCloseable {
    public static final TopicKey<TrafficSnapshot> SNAPSHOTS = TopicKey.of("traffic", TrafficSnapshot.class);
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(1);
    /** Below the period, so polls do not pile up behind a gateway that does not answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(800);

    private final Supplier<Optional<EngineEndpoint>> target;
    private final Function<EngineEndpoint, TrafficSource> sources;
    private final Topic<TrafficSnapshot> topic;
    private ScheduledFuture<?> task;
    private EngineEndpoint polled;
    private TrafficSource source;
    private TrafficReader reader;
    private TrafficSnapshot last;
    private boolean closed;

    /** @param sources opens a reader for a deployment's gateway ({@link #http} in production) */
    public TrafficFeed(Supplier<Optional<EngineEndpoint>> target, Function<EngineEndpoint, TrafficSource> sources,
                       Topic<TrafficSnapshot> topic) {
        this.target = target;
        this.sources = sources;
        this.topic = topic;
    }

    /** Readers over HTTP with the deployment's key and {@code timeout}. */
    public static Function<EngineEndpoint, TrafficSource> http(Duration timeout) {
        return e -> new TrafficClient(e.baseUrl(), e.key(), timeout);
    }

    /** Polls on {@code thread} every {@code period}, the first at once. */
    public synchronized void start(ScheduledExecutorService thread, Duration period) {
        if (closed || task != null) {
            throw new IllegalStateException(closed ? "feed closed" : "feed already started");
        }
        task = thread.scheduleWithFixedDelay(this::pollOnce, 0, period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Polls once on the calling thread; publishes the outcome when it changed. Never throws (that would end the task). */
    public synchronized TrafficSnapshot pollOnce() {
        if (closed) {
            return last == null ? TrafficSnapshot.NO_DEPLOYMENT : last;
        }
        TrafficSnapshot next = poll();
        if (!next.equals(last)) {
            last = next;
            topic.publish(next);
        }
        return last;
    }

    private TrafficSnapshot poll() {
        Optional<EngineEndpoint> endpoint = target.get();
        if (endpoint.isEmpty()) {
            closeSource();
            return TrafficSnapshot.NO_DEPLOYMENT;
        }
        if (!endpoint.get().equals(polled)) {
            closeSource();
            polled = endpoint.get();
            source = sources.apply(polled);
            reader = new TrafficReader(source);
        }
        String from = polled.label() + " at " + polled.baseUrl();
        try {
            TrafficWindow window = reader.read().window();
            return new TrafficSnapshot(Optional.of(from), OptionalInt.of(window.capacity()), window.requests(), Optional.empty());
        } catch (IOException | RuntimeException e) {
            Optional<TrafficWindow> kept = reader.window();
            return new TrafficSnapshot(Optional.of(from), kept.map(w -> OptionalInt.of(w.capacity())).orElse(OptionalInt.empty()),
                    kept.map(TrafficWindow::requests).orElse(List.of()), Optional.of(problem(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return last == null ? TrafficSnapshot.NO_DEPLOYMENT : last;
        }
    }

    private static String problem(Exception e) {
        if (e instanceof TrafficClient.Refused r && r.status() == 404) {
            return "This engine has no request log: only the InferDeck gateway keeps one (" + r.getMessage() + ")";
        }
        return "Request log unavailable: " + e.getMessage();
    }

    private void closeSource() {
        if (source != null) {
            source.close();
        }
        source = null;
        polled = null;
        reader = null;
    }

    /** Cancels the periodic task (waiting for a poll in progress) and closes the reader. */
    @Override
    public synchronized void close() {
        closed = true;
        if (task != null) {
            task.cancel(false);
        }
        closeSource();
    }
}
