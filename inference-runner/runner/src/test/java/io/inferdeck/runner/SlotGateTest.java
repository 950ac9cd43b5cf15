package io.inferdeck.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlotGateTest {
    @Test
    void admitsSlotsThenQueuesThenRefuses() throws Exception {
        SlotGate gate = new SlotGate(1, 1);
        assertThat(gate.acquire()).isEqualTo(SlotGate.Admission.ADMITTED);
        CompletableFuture<SlotGate.Admission> waiter = CompletableFuture.supplyAsync(() -> acquire(gate));
        awaitWaiting(gate, 1);
        assertThat(gate.acquire()).isEqualTo(SlotGate.Admission.QUEUE_FULL);
        gate.release();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isEqualTo(SlotGate.Admission.ADMITTED);
        assertThat(gate.running()).isEqualTo(1);
        assertThat(gate.waiting()).isZero();
    }

    @Test
    void closeReleasesWaitersAndRefusesNewcomers() throws Exception {
        SlotGate gate = new SlotGate(1, 4);
        gate.acquire();
        CompletableFuture<SlotGate.Admission> waiter = CompletableFuture.supplyAsync(() -> acquire(gate));
        awaitWaiting(gate, 1);
        gate.close();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isEqualTo(SlotGate.Admission.CLOSED);
        assertThat(gate.acquire()).isEqualTo(SlotGate.Admission.CLOSED);
        assertThat(gate.running()).isEqualTo(1);
    }

    private static SlotGate.Admission acquire(SlotGate gate) {
        try {
            return gate.acquire();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitWaiting(SlotGate gate, int n) throws InterruptedException {
        for (int i = 0; i < 500 && gate.waiting() < n; i++) {
            Thread.sleep(10);
        }
        assertThat(gate.waiting()).isEqualTo(n);
    }
}
