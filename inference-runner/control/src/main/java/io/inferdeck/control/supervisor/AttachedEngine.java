package io.inferdeck.control.supervisor;

import io.inferdeck.control.launch.LaunchCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An engine running elsewhere (a {@link LaunchCommand#attached() attach} entry): never started or stopped.
 * {@link #start} begins health checks of its base URL with its driver's health check, {@link #stop} ends
 * them and leaves the engine running. States: Degraded ("waiting") until the first ready answer, Ready
 * while it answers, Degraded again after {@value #FAILURES_TO_DEGRADE} failed checks in a row, Stopped
 * once detached. No state carries a pid.
 *
 * <p>Threading: as {@link EngineSupervisor}: every change runs on the injected single-threaded
 * {@code engine-supervisor} executor, probes are asynchronous ({@link HealthProbe}), public methods only
 * enqueue work.
 */
public final class AttachedEngine implements Replica {
    static final int FAILURES_TO_DEGRADE = 3;
    private static final Duration PERIOD = Duration.ofMillis(500);

    private final ScheduledExecutorService exec;
    private final Clock clock;
    private final String apiKey;
    private final HealthProbe probe = new HealthProbe(HealthProbe.REMOTE_TIMEOUT);
    private final List<Consumer<EngineState>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> probePasses = new CopyOnWriteArrayList<>();
    private final LogRing log = new LogRing(500);

    private volatile EngineState state = new EngineState.Stopped("not attached");
    private LaunchCommand command;
    private ScheduledFuture<?> task;
    /** Bumped on every start and stop, so a probe answering after either is ignored. */
    private long generation;
    private boolean probing;
    private int failures;

    /** @param apiKey the engine's key (the profile's), sent with health checks; null when it has none */
    public AttachedEngine(ScheduledExecutorService exec, Clock clock, String apiKey) {
        this.exec = exec;
        this.clock = clock;
        this.apiKey = apiKey;
    }

    @Override
    public EngineState state() {
        return state;
    }

    @Override
    public LogRing log() {
        return log;
    }

    @Override
    public void subscribe(Consumer<EngineState> listener) {
        listeners.add(listener);
        listener.accept(state);
    }

    @Override
    public void subscribeProbes(Runnable passed) {
        probePasses.add(passed);
    }

    @Override
    public CompletableFuture<Void> start(LaunchCommand cmd, String name) {
        if (!cmd.attached()) {
            throw new IllegalArgumentException("not an attach entry: " + cmd);
        }
        return CompletableFuture.runAsync(() -> {
            detach();
            command = cmd;
            failures = 0;
            log.add("[inferdeck] " + name + ": " + cmd.display());
            publish(new EngineState.Degraded("waiting for " + cmd.baseUrl() + " to answer", OptionalLong.empty()));
            long current = generation;
            task = exec.scheduleWithFixedDelay(() -> check(current), 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }, exec);
    }

    private void check(long current) {
        if (probing || current != generation) {
            return;
        }
        probing = true;
        probe.ready(command.baseUrl(), command.health(), apiKey).thenAcceptAsync(ok -> {
            probing = false;
            if (current == generation) {
                onHealth(ok);
            }
        }, exec);
    }

    private void onHealth(boolean ok) {
        if (ok) {
            failures = 0;
            probePasses.forEach(Runnable::run);
            if (!(state instanceof EngineState.Ready)) {
                log.add("[inferdeck] " + command.baseUrl() + " answers " + command.health().path());
                publish(new EngineState.Ready(command.baseUrl(), OptionalLong.empty(), clock.instant()));
            }
        } else if (state instanceof EngineState.Ready && ++failures >= FAILURES_TO_DEGRADE) {
            String reason = "health check failing: GET " + command.baseUrl().resolve(command.health().path());
            log.add("[inferdeck] " + reason);
            publish(new EngineState.Degraded(reason, OptionalLong.empty()));
        }
    }

    /** Ends the health checks; the engine itself keeps running. */
    @Override
    public CompletableFuture<Void> stop() {
        return CompletableFuture.runAsync(() -> {
            boolean wasAttached = detach();
            if (wasAttached) {
                log.add("[inferdeck] detached; the engine keeps running");
                publish(new EngineState.Stopped("detached (the engine keeps running)"));
            }
        }, exec);
    }

    private boolean detach() {
        generation++;
        probing = false;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        boolean was = command != null;
        command = null;
        return was;
    }

    private void publish(EngineState s) {
        state = s;
        listeners.forEach(l -> l.accept(s));
    }

    /** Detaches (bounded wait) and abandons a probe still out; the executor belongs to the caller. */
    @Override
    public void close() {
        try {
            stop().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the executor is gone or stuck: nothing of ours runs on it any more once the probe client closes
        } finally {
            probe.close();
        }
    }
}
