package io.inferdeck.control.supervisor;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.HealthCheck;
import io.inferdeck.control.launch.LaunchCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Starts, watches and stops one engine process.
 *
 * <p>Threading: every state change runs on the injected single-threaded {@code engine-supervisor}
 * executor, so fields need no locks; public methods only enqueue work and never block the caller, and
 * nothing on that executor waits on I/O (health probes are asynchronous, see {@link #checkHealth}).
 * Listeners get each new {@link EngineState} on that thread and must not block. Log lines are pumped by a
 * daemon thread per process into {@link #log()} and the process's log file.
 */
public final class EngineSupervisor implements Replica {
    /**
     * Health: a probe every 100 ms, each bounded by 150 ms, and the first missed probe of a Ready engine makes
     * it Degraded (not routed to). A hung engine is therefore noticed 150 ms after its first missed probe was
     * sent, and at most 250 ms after it hung. A healthy engine answers its health path over loopback in well
     * under a millisecond, so a 150 ms miss means stopped, swapping or wedged; a false miss costs one probe
     * period out of rotation. Process exit needs no probe: {@link ProcessHandle#onExit} reports it at once.
     */
    static final Duration HEALTH_PERIOD = Duration.ofMillis(100);
    /** Starts the Stopped reason of a process that exited before it was ever Ready (it is not restarted). */
    public static final String STARTUP_FAILURE = "startup failure";
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(150);
    /**
     * The last Ready replica of a deployment (or a lone one) is made Degraded only after this many consecutive
     * misses: ejecting it turns slow answers into certain 503s, so one miss under CPU contention must not.
     */
    static final int LAST_READY_MISSES = 3;
    /** How long to wait for the end of a dead engine's output (a child of it may hold the pipe open). */
    private static final Duration LOG_DRAIN = Duration.ofMillis(300);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** Exit value of a process ended by SIGKILL (128 + 9), as the JDK reports it on Linux. */
    static final int KILLED = 137;
    private final ScheduledExecutorService exec;
    private final Path workDir;
    private final EngineTarget target;
    private final RestartPolicy policy;
    private final Clock clock;
    private final HealthProbe probe = new HealthProbe(PROBE_TIMEOUT);
    private final BooleanSupplier peersReady;
    private final List<Consumer<EngineState>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> probePasses = new CopyOnWriteArrayList<>();
    private final LogRing log = new LogRing(2000);
    private final ArrayDeque<Instant> crashTimes = new ArrayDeque<>();
    private final Thread shutdownHook = new Thread(this::killNow, "engine-shutdown");

    /** Set once the JVM or the owner shuts down: exits after this are never restarted. */
    private volatile boolean closing;
    private volatile EngineState state = new EngineState.Stopped("not started");
    private LaunchCommand command;
    private String label = "engine";
    private Process process;
    private int attempt;
    /** Consecutive missed probes while Ready. Supervisor thread only. */
    private int missed;
    /** When the current process first became Ready; null while it never was. Supervisor thread only. */
    private Instant readyAt;
    /** A health probe is out; set and cleared on the supervisor executor only. */
    private boolean probing;
    private ScheduledFuture<?> healthTask;
    private CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);

    public EngineSupervisor(ScheduledExecutorService exec, Path workDir, EngineTarget target, RestartPolicy policy,
                            Clock clock) {
        this(exec, workDir, target, policy, clock, () -> false);
    }

    /**
     * @param peersReady whether another replica of the same deployment is Ready (read on the supervisor
     *                   thread); when none is, a replica that had been Ready restarts at once instead of
     *                   backing off, so an external kill of every replica never leaves them all waiting
     */
    public EngineSupervisor(ScheduledExecutorService exec, Path workDir, EngineTarget target, RestartPolicy policy,
                            Clock clock, BooleanSupplier peersReady) {
        this.peersReady = peersReady;
        this.exec = exec;
        this.workDir = workDir;
        this.target = target;
        this.policy = policy;
        this.clock = clock;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public EngineState state() {
        return state;
    }

    public LogRing log() {
        return log;
    }

    /** The process's pid while one runs. */
    public java.util.OptionalLong pid() {
        Process p = process;
        return p != null && p.isAlive() ? java.util.OptionalLong.of(p.pid()) : java.util.OptionalLong.empty();
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

    /** How many listeners are subscribed (tests check that restarts add none). */
    int listenerCount() {
        return listeners.size();
    }

    /** Starts {@code cmd} (stopping a running engine first); {@code name} labels the endpoint. */
    public CompletableFuture<Void> start(LaunchCommand cmd, String name) {
        return stop().thenRunAsync(() -> {
            command = cmd;
            label = name;
            attempt = 0;
            crashTimes.clear();
            spawn();
        }, exec);
    }

    /** Graceful stop: SIGTERM, then a forced kill after the grace period. Completes once the process ended. */
    public CompletableFuture<Void> stop() {
        return CompletableFuture.supplyAsync(() -> {
            if (process == null || !process.isAlive()) {
                if (!(state instanceof EngineState.Stopped)) {
                    publish(new EngineState.Stopped("stopped by operator"));
                }
                command = null;
                return stopped;
            }
            command = null;  // no restart after this exit
            publish(new EngineState.Stopping(process.pid()));
            Process p = process;
            // Through the ProcessHandle: Process.destroy() also closes the output pipe, which cut the engine's
            // last log lines (its drain and "stopped" messages) out of the log.
            p.toHandle().destroy();
            exec.schedule(() -> p.toHandle().destroyForcibly(), STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return stopped;
        }, exec).thenCompose(f -> f);
    }

    private void spawn() {
        attempt++;
        try {
            Files.createDirectories(workDir);
            ProcessBuilder pb = new ProcessBuilder(command.argv()).directory(workDir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(command.env());
            // the built-in runner stops by itself if this JVM dies without stopping it (SIGKILL, crash)
            pb.environment().put("INFERDECK_SUPERVISOR_PID", Long.toString(ProcessHandle.current().pid()));
            Process p = pb.start();
            process = p;
            stopped = new CompletableFuture<>();
            readyAt = null;
            missed = 0;
            CompletableFuture<Void> drained = LogPump.start(p, log, workDir.resolve("engine-" + p.pid() + ".log"));
            log.add("[inferdeck] started pid " + p.pid() + ": " + command.display());
            publish(new EngineState.Starting(attempt, p.pid()));
            // the exit is handled once its last lines are in the log (they carry a startup failure's reason)
            p.onExit().thenCompose(x -> drained.copy().completeOnTimeout(null, LOG_DRAIN.toMillis(), TimeUnit.MILLISECONDS))
                    .thenRunAsync(() -> onExit(p), exec);
            healthTask = exec.scheduleWithFixedDelay(() -> checkHealth(p), HEALTH_PERIOD.toMillis(),
                    HEALTH_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            log.add("[inferdeck] could not start: " + e.getMessage());
            publish(new EngineState.Stopped("could not start: " + e.getMessage()));
        }
    }

    /**
     * One probe at a time, never blocking this thread ({@link HealthProbe}); its outcome comes back to the
     * supervisor executor. A tick that finds a probe still out skips, so a hung engine costs no queue of probes.
     */
    private void checkHealth(Process p) {
        if (p != process || !p.isAlive() || probing) {
            return;
        }
        probing = true;
        probe.ready(command.baseUrl(), command.health(), null).thenAcceptAsync(ok -> {
            probing = false;
            onHealth(p, ok);
        }, exec);
    }

    private void onHealth(Process p, boolean ok) {
        if (p != process || !p.isAlive()) {
            return;
        }
        if (ok) {
            probePasses.forEach(Runnable::run);   // before a Ready publish: the gateway has lifted any ejection by then
        }
        if (ok && !(state instanceof EngineState.Ready)) {
            Instant now = clock.instant();
            readyAt = readyAt == null ? now : readyAt;
            publish(new EngineState.Ready(command.baseUrl(), p.pid(), now));
            target.set(new EngineEndpoint(command.baseUrl(), null, label));
        } else if (!ok && state instanceof EngineState.Ready && (++missed >= LAST_READY_MISSES || peersReady.getAsBoolean())) {
            publish(new EngineState.Degraded("health check failed (no answer within " + PROBE_TIMEOUT.toMillis()
                    + " ms)", p.pid()));
        }
        if (ok) {
            missed = 0;
        }
    }

    private void onExit(Process p) {
        if (p != process) {
            return;
        }
        if (healthTask != null) {
            healthTask.cancel(false);
        }
        target.clear();
        int code = p.exitValue();
        if (command == null || closing) {
            log.add("[inferdeck] stopped (exit " + code + ")");
            publish(new EngineState.Stopped("stopped by operator (exit " + code + ")"));
            stopped.complete(null);
            return;
        }
        stopped.complete(null);
        List<String> tail = log.tail(20);
        if (readyAt == null) {
            String reason = STARTUP_FAILURE + " (exit code " + code + ")"
                    + LogLevel.lastError(tail).map(l -> ": " + l).orElse("");
            log.add("[inferdeck] " + reason + "; not restarting: it was never Ready");
            publish(new EngineState.Crashed(code, tail, "startup failure, no restart"));
            publish(new EngineState.Stopped(reason));
            return;
        }
        Instant now = clock.instant();
        if (policy.resets(Duration.between(readyAt, now)) || code == KILLED) {
            // it served long enough, or something outside killed it (operator, chaos, OOM killer) after it had
            // been Ready: a new incident, not the engine failing on its own, so never a reason to give up
            crashTimes.clear();
        }
        crashTimes.addLast(now);
        while (!crashTimes.isEmpty() && crashTimes.peekFirst().isBefore(now.minus(policy.window()))) {
            crashTimes.removeFirst();
        }
        if (crashTimes.size() > policy.maxCrashes()) {
            publish(new EngineState.Crashed(code, tail, "no restart"));
            publish(new EngineState.Stopped("gave up after " + crashTimes.size() + " crashes within "
                    + policy.window().toSeconds() + " s; last exit code " + code));
            return;
        }
        // with no other replica Ready, waiting out a backoff would be a full outage
        Duration delay = peersReady.getAsBoolean() ? policy.delay(crashTimes.size()) : Duration.ZERO;
        log.add("[inferdeck] process exited with code " + code + "; restarting in " + delay.toMillis() + " ms");
        publish(new EngineState.Crashed(code, tail, "restart in " + delay.toMillis() + " ms"));
        exec.schedule(() -> {
            if (command != null && process == p && !closing) {
                spawn();
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void publish(EngineState s) {
        state = s;
        listeners.forEach(l -> l.accept(s));
    }

    /** Last resort on JVM exit: no orphan engines, even if close() was never called. */
    private void killNow() {
        closing = true;
        Process p = process;
        if (p != null && p.isAlive()) {
            p.toHandle().destroy();     // not Process.destroy(): keep the log pipe open for the last lines
            try {
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }

    /** Stops the engine (bounded wait) and removes the shutdown hook; the executor belongs to the caller. */
    @Override
    public void close() {
        closing = true;
        try {
            stop().get(STOP_GRACE.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (Exception e) {
            killNow();
        }
        probe.close();   // abandons a probe still out
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing to remove
        }
    }
}
