package io.inferdeck.services.bus;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One stream of immutable snapshots. {@link #publish} stores the value as the latest and hands it to
 * every subscriber on the publishing thread, so subscribers must be quick and must not block (the FX
 * dispatcher's channel publish is the intended subscriber: it only overwrites a slot). A subscriber
 * that joins late receives the latest value at once. Thread-safe; a subscriber that throws is logged
 * and does not stop the others. Publishing and subscribing hold the topic's lock, so every subscriber
 * sees the values in publish order and a late joiner's first value is never older than one it already got.
 */
public final class Topic<T> {
    private static final System.Logger LOG = System.getLogger(Topic.class.getName());

    private final TopicKey<T> key;
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final List<Consumer<? super T>> subscribers = new CopyOnWriteArrayList<>();

    Topic(TopicKey<T> key) {
        this.key = key;
    }

    public TopicKey<T> key() {
        return key;
    }

    public synchronized void publish(T value) {
        Objects.requireNonNull(value, "value");
        latest.set(value);
        for (Consumer<? super T> s : subscribers) {
            try {
                s.accept(value);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "subscriber of " + key.name() + " failed", e);
            }
        }
    }

    /** Ends a subscription; closing it twice is harmless. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** @return closing it unsubscribes */
    public synchronized Subscription subscribe(Consumer<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscribers.add(subscriber);
        T now = latest.get();
        if (now != null) {
            subscriber.accept(now);
        }
        return () -> subscribers.remove(subscriber);
    }

    /** The newest value published, empty before the first. */
    public Optional<T> latest() {
        return Optional.ofNullable(latest.get());
    }
}
