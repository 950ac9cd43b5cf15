package io.inferdeck.views.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Real threads: a single-thread executor plays the FX thread, four producers hammer their channels. */
class FxDispatcherConcurrencyTest {

    @Test
    void neverMoreThanOneDrainPendingAndEveryChannelEndsOnItsLastValue() throws Exception {
        ExecutorService fx = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-fx"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "fake-fx-dispatch"));
        AtomicInteger pending = new AtomicInteger();
        AtomicInteger maxPending = new AtomicInteger();
        Map<String, Integer> lastSeen = new ConcurrentHashMap<>();
        FxDispatcher dispatcher = new FxDispatcher(drain -> {
            maxPending.accumulateAndGet(pending.incrementAndGet(), Math::max);
            fx.execute(() -> {
                pending.decrementAndGet();
                drain.run();
            });
        }, Ticker.system(), (task, nanos) -> timer.schedule(task, nanos, TimeUnit.NANOSECONDS), Duration.ofMillis(2));

        int producers = 4;
        int samples = 20_000;
        CountDownLatch done = new CountDownLatch(producers);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            String key = "source-" + p;
            FxDispatcher.Channel<Integer> channel = dispatcher.channel(key, v -> lastSeen.put(key, v));
            threads.add(Thread.ofPlatform().name("producer-" + p).start(() -> {
                for (int i = 1; i <= samples; i++) {
                    channel.publish(i);
                }
                done.countDown();
            }));
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (lastSeen.values().stream().filter(v -> v == samples).count() < producers && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        timer.shutdownNow();
        fx.shutdownNow();

        assertThat(lastSeen).hasSize(producers).allSatisfy((key, value) -> assertThat(value).isEqualTo(samples));
        assertThat(maxPending.get()).as("drains pending at once").isEqualTo(1);
    }
}
