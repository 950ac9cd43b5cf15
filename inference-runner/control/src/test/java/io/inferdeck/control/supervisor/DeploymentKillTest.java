package io.inferdeck.control.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real runner replicas SIGKILLed (ProcessHandle.destroyForcibly) in turn, then both at once. Every
 * assertion is on the recorded state transitions (their order, the backoff each Crashed announced and the
 * times the supervisor thread recorded them), not on how fast this machine restarts a JVM.
 */
class DeploymentKillTest {
    private static final Pattern DELAY = Pattern.compile("restart in (\\d+) ms");
    private static final RestartPolicy POLICY =
            new RestartPolicy(Duration.ofMillis(300), Duration.ofSeconds(8), 10, Duration.ofMinutes(2), Duration.ofSeconds(1));

    @TempDir
    Path dir;
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-supervisor"));
    private final List<Transition> log = new CopyOnWriteArrayList<>();
    private Deployment deployment;

    /** One published state, stamped on the supervisor thread in publication order. */
    record Transition(int replica, EngineState state, long nanos) {
    }

    @AfterEach
    void tearDown() {
        if (deployment != null) {
            deployment.close();
        }
        exec.shutdownNow();
    }

    @Test
    void backoffResetsAfterReadyAndAKillOfTheLastReadyReplicaRestartsItAtOnce() throws Exception {
        Path model = dir.resolve("tiny.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, model);
        DeploymentProfile p = DeploymentProfile.builder().engine(EngineKind.BUILTIN).name("pair").model(model.toString())
                .ctx(512).batch(256).ubatch(256).parallel(1).threads(1).replicas(2).port(FreePorts.allocate()).build();
        LaunchContext ctx = LaunchContext.forThisJvm().withJvmOptions(List.of(LaunchContext.RUNNER_JVM_OPTIONS.getFirst(), "-Xmx256m"));
        deployment = new Deployment(p, ctx, dir.resolve("work"), new EngineTarget(), exec, POLICY, Clock.systemUTC());
        deployment.subscribe((i, s) -> log.add(new Transition(i, s, System.nanoTime())));
        deployment.start();
        await(this::allReady, "both Ready");

        // in turn, each kill once its victim has been Ready for longer than resetAfter: 0, 1, 0, 1
        for (int round = 0; round < 4; round++) {
            int victim = round % 2;
            int expected = round / 2 + 1;
            await(() -> readyFor(victim).compareTo(POLICY.resetAfter()) > 0, "replica " + victim + " Ready past resetAfter");
            kill(victim);
            await(() -> crashes(victim) == expected && allReady(), "replica " + victim + " back");
        }
        // both at once: the second sees no Ready peer
        await(() -> readyFor(0).compareTo(POLICY.resetAfter()) > 0 && readyFor(1).compareTo(POLICY.resetAfter()) > 0, "settled");
        kill(0);
        await(() -> crashes(0) == 3, "replica 0 crash noticed");
        kill(1);
        await(() -> crashes(1) == 3 && allReady(), "both back");

        List<Long> delays = log.stream().filter(t -> t.state() instanceof EngineState.Crashed).map(t -> delayOf(t.state())).toList();
        // without the reset the second kill of each replica would wait 2 x 300 ms; without the all-down rule the last 4 x 300 ms
        assertThat(delays).as("announced backoffs, in kill order").containsExactly(300L, 300L, 300L, 300L, 300L, 0L);
        List<long[]> outages = allDownWindows();
        assertThat(outages).as("all-down windows").isNotEmpty();
        long restartOfOne = restartTimes().stream().mapToLong(Long::longValue).max().orElseThrow();
        for (long[] w : outages) {
            assertThat(w[1] - w[0]).as("all-down window vs. the longest crash-to-Ready restart of one replica")
                    .isLessThanOrEqualTo(restartOfOne);
            // a replica that crashed inside the outage (none Ready) was restarted at once
            log.stream().filter(t -> t.nanos() >= w[0] && t.nanos() < w[1] && t.state() instanceof EngineState.Crashed)
                    .forEach(t -> assertThat(delayOf(t.state())).as("backoff of a crash while none was Ready: %s", t).isZero());
        }
    }

    /** Crash to the next Ready of the same replica, for every crash. */
    private List<Long> restartTimes() {
        List<Long> out = new ArrayList<>();
        for (Transition t : log) {
            if (t.state() instanceof EngineState.Crashed) {
                out.add(nextReady(t.replica(), t.nanos()) - t.nanos());
            }
        }
        return out;
    }

    private void kill(int replica) {
        long pid = ((EngineState.Ready) deployment.replicas().get(replica).state()).pid().orElseThrow();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    }

    private boolean allReady() {
        return deployment.replicas().stream().allMatch(r -> r.state() instanceof EngineState.Ready);
    }

    private Duration readyFor(int replica) {
        return deployment.replicas().get(replica).state() instanceof EngineState.Ready r
                ? Duration.between(r.since(), Clock.systemUTC().instant()) : Duration.ZERO;
    }

    private long crashes(int replica) {
        return log.stream().filter(t -> t.replica() == replica && t.state() instanceof EngineState.Crashed).count();
    }

    private static long delayOf(EngineState s) {
        Matcher m = DELAY.matcher(((EngineState.Crashed) s).next());
        assertThat(m.find()).as("backoff in %s", s).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** [start, end] nano times of every span in which neither replica was Ready, after both first were. */
    private List<long[]> allDownWindows() {
        boolean[] ready = new boolean[2];
        boolean seenUp = false;
        long downSince = -1;
        List<long[]> out = new ArrayList<>();
        for (Transition t : log) {
            ready[t.replica()] = t.state() instanceof EngineState.Ready;
            boolean up = ready[0] || ready[1];
            if (up && downSince >= 0) {
                out.add(new long[] {downSince, t.nanos()});
                downSince = -1;
            } else if (!up && seenUp && downSince < 0) {
                downSince = t.nanos();
            }
            seenUp |= up;
        }
        return out;
    }

    private long nextReady(int replica, long after) {
        return log.stream().filter(t -> t.replica() == replica && t.nanos() >= after && t.state() instanceof EngineState.Ready)
                .findFirst().orElseThrow().nanos();
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; transitions: " + log);
            }
            Thread.sleep(20);
        }
    }
}
