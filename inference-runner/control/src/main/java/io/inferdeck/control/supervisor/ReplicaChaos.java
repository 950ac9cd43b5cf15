package io.inferdeck.control.supervisor;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * Fault injection for a running deployment: every {@code interval} one random replica with a live process
 * gets SIGKILL or, with probability {@code stopShare}, SIGSTOP followed by SIGCONT after {@code stopFor}
 * (a hung engine). Linux/POSIX: SIGSTOP/SIGCONT go through {@code kill(1)}, which the JDK cannot send.
 * Runs on the injected scheduler (the caller's {@code chaos} thread); deterministic for a seed.
 *
 * <p>Each fault records how many requests the struck replica was serving at that moment ({@code inFlightAt},
 * the gateway's per-upstream count): a kill may fail at most those, so the sum bounds the errors a chaos run
 * may fairly show. Bounded: one record per fault, and a run lasts at most as many intervals as its caller allows.
 */
public final class ReplicaChaos {
    private final List<Replica> replicas;
    private final Random random;
    private final double stopShare;
    private final Duration stopFor;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicInteger stops = new AtomicInteger();
    private final java.util.Set<Long> stopped = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final IntUnaryOperator inFlightAt;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    /** One fault: which replica, SIGKILL or SIGSTOP, and the requests it was serving when struck. */
    public record Fault(int replica, boolean kill, int inFlight) {
    }

    public ReplicaChaos(List<Replica> replicas, long seed, double stopShare, Duration stopFor, ScheduledExecutorService scheduler) {
        this(replicas, seed, stopShare, stopFor, scheduler, replica -> 0);
    }

    /** @param inFlightAt replica index → requests in flight on it now (thread-safe; read on the chaos thread) */
    public ReplicaChaos(List<Replica> replicas, long seed, double stopShare, Duration stopFor, ScheduledExecutorService scheduler,
                        IntUnaryOperator inFlightAt) {
        this.inFlightAt = inFlightAt;
        this.replicas = List.copyOf(replicas);
        this.random = new Random(seed);
        this.stopShare = stopShare;
        this.stopFor = stopFor;
        this.scheduler = scheduler;
    }

    /** Starts the faults, the first after one interval; they end when the scheduler is shut down. */
    public void start(Duration interval) {
        scheduler.scheduleAtFixedRate(this::strike, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int kills() {
        return kills.get();
    }

    public int stops() {
        return stops.get();
    }

    /** Every fault so far, in order. */
    public List<Fault> faults() {
        return List.copyOf(faults);
    }

    private void strike() {
        List<Integer> live = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < replicas.size(); i++) {
            if (replicas.get(i) instanceof EngineSupervisor s && s.pid().isPresent()) {
                live.add(i);
                pids.add(s.pid().getAsLong());
            }
        }
        if (pids.isEmpty()) {
            return;
        }
        int pick = random.nextInt(pids.size());
        long pid = pids.get(pick);
        int inFlight = inFlightAt.applyAsInt(live.get(pick));
        if (random.nextDouble() < stopShare && signal("STOP", pid)) {
            stops.incrementAndGet();
            stopped.add(pid);
            faults.add(new Fault(live.get(pick), false, inFlight));
            scheduler.schedule(() -> resume(pid), stopFor.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            ProcessHandle.of(pid).ifPresent(p -> {
                if (p.destroyForcibly()) {
                    kills.incrementAndGet();
                    faults.add(new Fault(live.get(pick), true, inFlight));
                }
            });
        }
    }

    /** Sends SIGCONT to every replica still stopped (call after shutting the scheduler down), so it can stop cleanly. */
    public void resumeAll() {
        List.copyOf(stopped).forEach(this::resume);
    }

    private void resume(long pid) {
        if (stopped.remove(pid)) {
            signal("CONT", pid);
        }
    }

    private static boolean signal(String name, long pid) {
        try {
            return new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
