package io.inferdeck.control.supervisor;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for a running deployment: every {@code interval} one random replica with a live process
 * gets SIGKILL or, with probability {@code stopShare}, SIGSTOP followed by SIGCONT after {@code stopFor}
 * (a hung engine). Linux/POSIX: SIGSTOP/SIGCONT go through {@code kill(1)}, which the JDK cannot send.
 * Runs on the injected scheduler (the caller's {@code chaos} thread); deterministic for a seed.
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

    public ReplicaChaos(List<Replica> replicas, long seed, double stopShare, Duration stopFor, ScheduledExecutorService scheduler) {
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

    private void strike() {
        List<Long> pids = replicas.stream().filter(EngineSupervisor.class::isInstance).map(r -> ((EngineSupervisor) r).pid())
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).toList();
        if (pids.isEmpty()) {
            return;
        }
        long pid = pids.get(random.nextInt(pids.size()));
        if (random.nextDouble() < stopShare && signal("STOP", pid)) {
            stops.incrementAndGet();
            stopped.add(pid);
            scheduler.schedule(() -> resume(pid), stopFor.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            ProcessHandle.of(pid).ifPresent(p -> {
                if (p.destroyForcibly()) {
                    kills.incrementAndGet();
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
