package io.inferdeck.control.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.HealthCheck;
import io.inferdeck.control.launch.LaunchCommand;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health probes never block the supervisor thread: an engine whose health endpoint hangs must not
 * delay anything else on it (another replica's states, a stop). The "engine" is a {@code sleep}
 * process; its health answers come from a local HTTP server the test controls.
 */
class EngineSupervisorHealthTest {
    @TempDir
    Path dir;
    private final ScheduledExecutorService exec =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-supervisor"));
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger hangingProbes = new AtomicInteger();
    private final AtomicBoolean flakyHangs = new AtomicBoolean();
    private final AtomicInteger flakyHung = new AtomicInteger();
    private final List<EngineSupervisor> supervisors = new ArrayList<>();
    private HttpServer server;

    @BeforeEach
    void healthServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/ok", ex -> answer(ex, 200));
        server.createContext("/hang", ex -> {
            hangingProbes.incrementAndGet();
            hang(ex);
        });
        server.createContext("/flaky", ex -> {
            if (flakyHangs.get()) {
                flakyHung.incrementAndGet();
                hang(ex);
            } else {
                answer(ex, 200);
            }
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        supervisors.forEach(EngineSupervisor::close);
        exec.shutdownNow();
        server.stop(0);
    }

    private void hang(HttpExchange ex) throws IOException {
        try (ex) {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange ex, int status) throws IOException {
        try (ex) {
            ex.sendResponseHeaders(status, -1);
        }
    }

    private EngineSupervisor start(String healthPath, String name) {
        return start(healthPath, name, false);
    }

    private EngineSupervisor start(String healthPath, String name, boolean peerReady) {
        EngineSupervisor s = new EngineSupervisor(exec, dir.resolve(name), new EngineTarget(), RestartPolicy.DEFAULT,
                Clock.systemUTC(), () -> peerReady);
        supervisors.add(s);
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        s.start(new LaunchCommand(0, "127.0.0.1", base.getPort(), base, List.of("sleep", "60"), Map.of(), "sleep 60",
                HealthCheck.ok(healthPath)), name);
        return s;
    }

    private static void await(EngineSupervisor s, Predicate<EngineState> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.test(s.state())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; state " + s.state());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aHangingHealthEndpointDoesNotHoldUpTheSupervisorThread() throws Exception {
        EngineSupervisor hanging = start("/hang", "hanging");
        EngineSupervisor healthy = start("/ok", "healthy");
        await(healthy, EngineState.Ready.class::isInstance, "the healthy replica Ready");

        // A blocking probe (1 s timeout) would hold the single thread for a second at a time.
        long worstMillis = 0;
        int probesBefore = hangingProbes.get();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3000);
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            exec.submit(() -> { }).get(5, TimeUnit.SECONDS);
            worstMillis = Math.max(worstMillis, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            Thread.sleep(20);
        }
        assertThat(worstMillis).as("longest wait for the supervisor thread, ms").isLessThan(500);
        assertThat(hanging.state()).isInstanceOf(EngineState.Starting.class);
        // one probe at a time, each bounded by its timeout: at most 3 s / PROBE_TIMEOUT + 1 in these 3 s,
        // not one per HEALTH_PERIOD tick (which would be 3 s / 100 ms = 30)
        long bound = 3000 / EngineSupervisor.PROBE_TIMEOUT.toMillis() + 1;
        assertThat(bound).isLessThan(3000 / EngineSupervisor.HEALTH_PERIOD.toMillis());
        assertThat(hangingProbes.get() - probesBefore).isBetween(1, (int) bound);
    }

    @Test
    void aProbeThatTimesOutEjectsAReplicaWithAReadyPeerAtOnceAndTheLastReadyOneAfterThree() throws Exception {
        // issue 21, failure 3: a dead (or SIGSTOPped) replica with a Ready peer is ejected after one missed probe,
        // so within one period plus one probe timeout: that must stay under the 250 ms
        assertThat(EngineSupervisor.HEALTH_PERIOD.plus(EngineSupervisor.PROBE_TIMEOUT)).isLessThanOrEqualTo(java.time.Duration.ofMillis(250));
        assertThat(hungProbesUntilDegraded(true)).as("with a Ready peer").isEqualTo(1);
        assertThat(hungProbesUntilDegraded(false)).as("the last Ready replica").isEqualTo(EngineSupervisor.LAST_READY_MISSES);
    }

    private int hungProbesUntilDegraded(boolean peerReady) throws Exception {
        EngineSupervisor flaky = start("/flaky", "flaky-" + peerReady, peerReady);
        await(flaky, EngineState.Ready.class::isInstance, "Ready");
        flakyHung.set(0);
        AtomicInteger hungWhenDegraded = new AtomicInteger(-1);
        flaky.subscribe(st -> {
            if (st instanceof EngineState.Degraded) {
                hungWhenDegraded.compareAndSet(-1, flakyHung.get());
            }
        });
        flakyHangs.set(true);
        await(flaky, EngineState.Degraded.class::isInstance, "Degraded after timed-out probes");
        flakyHangs.set(false);
        await(flaky, EngineState.Ready.class::isInstance, "Ready again once health answers");
        flaky.close();
        return hungWhenDegraded.get();
    }
}
