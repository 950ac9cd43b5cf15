package io.inferdeck.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Threading and handoff of GpuSampler, with a plain Java source (NVML is covered elsewhere). */
class GpuSamplerTest {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    /** Numbers its samples and remembers which thread took them. */
    static final class CountingSource implements GpuSource {
        final AtomicInteger samples = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile boolean closed;
        volatile RuntimeException failWith;

        @Override
        public String kind() {
            return "counting";
        }

        @Override
        public GpuSnapshot sample() {
            threads.add(Thread.currentThread().getName());
            int n = samples.incrementAndGet();
            if (failWith != null) {
                throw failWith;
            }
            return GpuSnapshot.builder().at(T0.plusSeconds(n)).state(SourceState.ok("sample " + n))
                    .gpu(GpuReading.builder(0).memoryUsedBytes((long) n).build()).build();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Runs submitted tasks only when the test says so. */
    static final class ManualExecutor implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (Runnable r; (r = tasks.poll()) != null; ) {
                r.run();
            }
        }
    }

    @Test
    void slowSubscriberGetsOnlyTheNewestSnapshot() {
        CountingSource source = new CountingSource();
        ManualExecutor subscriberThread = new ManualExecutor();
        List<GpuSnapshot> received = new CopyOnWriteArrayList<>();
        try (GpuSampler sampler = GpuSampler.builder(source).build()) {
            sampler.subscribe(subscriberThread, received::add);
            for (int i = 0; i < 5; i++) {
                sampler.sampleOnce();
            }
            assertThat(subscriberThread.tasks).hasSize(1); // one pending delivery, not five
            subscriberThread.runAll();
            assertThat(received).extracting(s -> s.state().message()).containsExactly("sample 5");

            sampler.sampleOnce();
            subscriberThread.runAll();
            assertThat(received).extracting(s -> s.state().message()).containsExactly("sample 5", "sample 6");
        }
    }

    @Test
    void blockedSubscriberDoesNotStopSampling() throws Exception {
        CountingSource source = new CountingSource();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstDelivery = new CountDownLatch(1);
        AtomicInteger deliveries = new AtomicInteger();
        ExecutorService subscriberThread = Executors.newSingleThreadExecutor();
        try (GpuSampler sampler = GpuSampler.builder(source).rateHz(20).build()) {
            sampler.subscribe(subscriberThread, s -> {
                deliveries.incrementAndGet();
                firstDelivery.countDown();
                awaitQuietly(release);
            });
            sampler.start();
            assertThat(firstDelivery.await(5, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (source.samples.get() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(source.samples.get()).isGreaterThanOrEqualTo(6); // kept sampling at 20 Hz
            assertThat(deliveries.get()).isEqualTo(1); // while the subscriber was stuck in its first delivery
            release.countDown();
        } finally {
            subscriberThread.shutdownNow();
        }
        assertThat(source.closed).isTrue();
    }

    @Test
    void samplesOnTheOwnersNamedThreadAndStopsOnClose() throws Exception {
        CountingSource source = new CountingSource();
        GpuSampler sampler = GpuSampler.builder(source).rateHz(20)
                .threadFactory(Thread.ofPlatform().name("gpu-sampler").daemon(true).factory()).build();
        CountDownLatch three = new CountDownLatch(3);
        sampler.subscribe(Runnable::run, s -> three.countDown());
        sampler.start();
        assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
        sampler.close();

        int after = source.samples.get();
        Thread.sleep(200);
        assertThat(source.samples.get()).isEqualTo(after);
        assertThat(source.threads).containsOnly("gpu-sampler");
        assertThat(source.closed).isTrue();
        assertThatThrownBy(sampler::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aThrowingSourceBecomesAnErrorSnapshotAndSamplingGoesOn() {
        CountingSource source = new CountingSource();
        try (GpuSampler sampler = GpuSampler.builder(source).clock(new MutableClock(T0)).build()) {
            source.failWith = new IllegalStateException("boom");
            GpuSnapshot failed = sampler.sampleOnce();
            assertThat(failed.state().status()).isEqualTo(SourceState.Status.ERROR);
            assertThat(failed.state().message()).contains("counting sampling failed").contains("boom");
            assertThat(failed.at()).isEqualTo(T0);
            source.failWith = null;
            assertThat(sampler.sampleOnce().state().isOk()).isTrue();
            assertThat(sampler.latest().state().message()).isEqualTo("sample 2");
        }
    }

    @Test
    void lateSubscriberGetsTheCurrentSnapshotAndClosedOnesNothing() throws Exception {
        CountingSource source = new CountingSource();
        try (GpuSampler sampler = GpuSampler.builder(source).build()) {
            assertThat(sampler.latest()).isNull();
            sampler.sampleOnce();
            List<GpuSnapshot> received = new CopyOnWriteArrayList<>();
            AutoCloseable subscription = sampler.subscribe(Runnable::run, received::add);
            assertThat(received).hasSize(1);
            subscription.close();
            sampler.sampleOnce();
            assertThat(received).hasSize(1);
        }
    }

    @Test
    void rateIsBounded() {
        CountingSource source = new CountingSource();
        assertThat(GpuSampler.builder(source).build().rateHz()).isEqualTo(2.0);
        assertThat(GpuSampler.builder(source).rateHz(20).build().rateHz()).isEqualTo(20.0);
        assertThatThrownBy(() -> GpuSampler.builder(source).rateHz(20.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20.5");
        assertThatThrownBy(() -> GpuSampler.builder(source).rateHz(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GpuSampler.builder(source).rateHz(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
