package io.inferdeck.views.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** Drives the dispatcher with a hand-cranked "FX thread", clock and scheduler: no stage, no sleeps. */
class FxDispatcherTest {

    private static final long MS = 1_000_000L;

    private final Queue<Runnable> fxQueue = new ArrayDeque<>();
    private final List<Timer> timers = new ArrayList<>();
    private long now = 5_000 * MS;
    private final FxDispatcher dispatcher = new FxDispatcher(fxQueue::add, () -> now,
            (task, delayNanos) -> timers.add(new Timer(now + delayNanos, delayNanos, task)), Duration.ofMillis(100));

    private record Timer(long dueAt, long delay, Runnable task) {
    }

    @Test
    void burstOfPublishesPostsOnceAndDeliversOnlyTheLatest() {
        List<Integer> seen = new ArrayList<>();
        FxDispatcher.Channel<Integer> gpu = dispatcher.channel("gpu", seen::add);

        for (int i = 1; i <= 1000; i++) {
            gpu.publish(i);
        }

        assertThat(fxQueue).hasSize(1);
        runFx();
        assertThat(seen).containsExactly(1000);
    }

    @Test
    void oneDrainDeliversEverySourcesLatestValue() {
        List<String> seen = new ArrayList<>();
        FxDispatcher.Channel<String> gpu = dispatcher.channel("gpu", v -> seen.add("gpu:" + v));
        FxDispatcher.Channel<String> engine = dispatcher.channel("engine", v -> seen.add("engine:" + v));
        dispatcher.channel("quiet", v -> seen.add("quiet:" + v));

        gpu.publish("a");
        engine.publish("x");
        gpu.publish("b");

        assertThat(fxQueue).hasSize(1);
        runFx();
        assertThat(seen).containsExactlyInAnyOrder("gpu:b", "engine:x");
    }

    @Test
    void changesWithinTheMinimumIntervalAreScheduledForWhenItEnds() {
        List<Integer> seen = new ArrayList<>();
        FxDispatcher.Channel<Integer> gpu = dispatcher.channel("gpu", seen::add);
        gpu.publish(1);
        runFx();

        now += 30 * MS;
        gpu.publish(2);
        gpu.publish(3);

        assertThat(fxQueue).as("nothing posted before the interval ends").isEmpty();
        assertThat(timers).extracting(Timer::delay).containsExactly(70 * MS);
        now += 70 * MS;
        fireDueTimers();
        runFx();
        assertThat(seen).containsExactly(1, 3);
    }

    @Test
    void afterTheIntervalAChangeIsPostedImmediately() {
        FxDispatcher.Channel<Integer> gpu = dispatcher.channel("gpu", v -> { });
        gpu.publish(1);
        runFx();
        now += 100 * MS;

        gpu.publish(2);

        assertThat(fxQueue).hasSize(1);
        assertThat(timers).isEmpty();
    }

    @Test
    void aFastProducerIsDrainedAtMostTenTimesPerSecond() {
        List<Long> drainTimes = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        FxDispatcher.Channel<Integer> gpu = dispatcher.channel("gpu", v -> {
            drainTimes.add(now);
            values.add(v);
        });

        for (int ms = 0; ms < 1000; ms++) {            // one simulated second, a sample every 2 ms
            if (ms % 2 == 0) {
                gpu.publish(ms);
            }
            fireDueTimers();
            runFx();
            now += MS;
        }

        assertThat(drainTimes).hasSize(10);
        for (int i = 1; i < drainTimes.size(); i++) {
            assertThat(drainTimes.get(i) - drainTimes.get(i - 1)).isGreaterThanOrEqualTo(100 * MS);
        }
        assertThat(values).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aPublishDuringADrainIsDeliveredByTheNextDrain() {
        List<Integer> seen = new ArrayList<>();
        FxDispatcher.Channel<Integer> engine = dispatcher.channel("engine", seen::add);
        // Stands in for a producer thread that publishes while the FX thread is mid-drain.
        FxDispatcher.Channel<Integer> trigger = dispatcher.channel("trigger", engine::publish);

        trigger.publish(8);
        runFx();
        assertThat(seen).isEmpty();

        now += 100 * MS;
        fireDueTimers();
        runFx();
        assertThat(seen).containsExactly(8);
    }

    @Test
    void aFailingConsumerDoesNotStarveTheOthers() {
        List<String> seen = new ArrayList<>();
        dispatcher.<String>channel("bad", v -> {
            throw new IllegalStateException("boom");
        }).publish("x");
        dispatcher.<String>channel("good", seen::add).publish("y");

        runFx();

        assertThat(seen).containsExactly("y");
    }

    @Test
    void duplicateKeysAreRejectedAndAClosedDispatcherPostsNothing() {
        FxDispatcher.Channel<Integer> gpu = dispatcher.channel("gpu", v -> { });
        assertThatThrownBy(() -> dispatcher.channel("gpu", v -> { })).isInstanceOf(IllegalArgumentException.class);

        dispatcher.close();
        gpu.publish(1);

        assertThat(fxQueue).isEmpty();
        assertThat(timers).isEmpty();
    }

    private void fireDueTimers() {
        List<Timer> due = timers.stream().filter(t -> t.dueAt() <= now).toList();
        timers.removeAll(due);
        due.forEach(t -> t.task().run());
    }

    private void runFx() {
        while (!fxQueue.isEmpty()) {
            fxQueue.remove().run();
        }
    }
}
