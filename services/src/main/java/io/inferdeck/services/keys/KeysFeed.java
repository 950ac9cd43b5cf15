package io.inferdeck.services.keys;

import io.inferdeck.services.bus.Topic;
import io.inferdeck.services.bus.TopicKey;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the keys and their last {@link #DAYS} days of usage on {@link #SNAPSHOTS} whenever {@code keys.db}
 * changes: a key added or revoked in this process, usage written by its gateways, or a change by another process
 * that {@link KeyService#watch} found. It does not poll: it listens to the store, and reads on {@code io} (the
 * thread that may block on SQLite), at most one read queued at a time however many changes arrive. A read that
 * fails publishes the last snapshot with the reason. Thread-safe.
 */
public final class KeysFeed implements AutoCloseable {
    public static final TopicKey<KeysSnapshot> SNAPSHOTS = TopicKey.of("keys", KeysSnapshot.class);
    /** The window the feed reads; the page shows a part of it. */
    public static final int DAYS = 30;
    private static final System.Logger LOG = System.getLogger(KeysFeed.class.getName());

    private final KeyService keys;
    private final Executor io;
    private final Topic<KeysSnapshot> topic;
    private final Clock clock;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile AutoCloseable listening;
    private KeysSnapshot last;   // io thread only

    public KeysFeed(KeyService keys, Executor io, Topic<KeysSnapshot> topic, Clock clock) {
        this.keys = keys;
        this.io = io;
        this.topic = topic;
        this.clock = clock;
    }

    /** Opens the store on {@code io}, listens to it and publishes the first snapshot; later calls do nothing. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            io.execute(() -> {
                try {
                    listening = keys.onChange(this::changed);
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "key database not followed: " + e.getMessage());
                }
                read();
            });
        }
    }

    /** Any thread, quick: a read is queued unless one is already waiting. */
    private void changed() {
        if (queued.compareAndSet(false, true)) {
            io.execute(this::read);
        }
    }

    private void read() {
        queued.set(false);
        KeysSnapshot next;
        try {
            next = keys.read(DAYS);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            next = last != null ? last.withProblem(clock.instant(), why)
                    : new KeysSnapshot(clock.instant(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(DAYS - 1L),
                            List.of(), List.of()).withProblem(clock.instant(), why);
        }
        if (next.problem().isEmpty()) {
            last = next;
        }
        topic.publish(next);
    }

    @Override
    public void close() {
        AutoCloseable l = listening;
        if (l != null) {
            try {
                l.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the key database listener", e);
            }
        }
    }
}
