package io.inferdeck.control.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OutageClockTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };

    private static EngineState ready() {
        return new EngineState.Ready(URI.create("http://127.0.0.1:1"), 1, Instant.EPOCH);
    }

    private void at(long ms) {
        now = Instant.parse("2026-01-01T00:00:00Z").plusMillis(ms);
    }

    @Test
    void onlySpansWithNoReadyReplicaAfterTheFirstReadyCount() {
        OutageClock c = new OutageClock(clock, 2);
        c.accept(0, new EngineState.Starting(1, 1));     // not up yet: not an outage
        at(1000);
        c.accept(0, ready());
        c.accept(1, ready());
        at(2000);
        c.accept(0, new EngineState.Crashed(137, java.util.List.of(), "restart in 500 ms"));   // 1 still Ready
        at(2500);
        c.accept(1, new EngineState.Degraded("health", 2));   // none Ready from here
        at(3200);
        c.accept(1, ready());
        at(4000);
        c.accept(1, new EngineState.Crashed(137, java.util.List.of(), "restart in 0 ms"));
        at(4100);
        c.accept(0, ready());
        assertThat(c.windows()).isEqualTo(2);
        assertThat(c.longest()).isEqualTo(Duration.ofMillis(700));
        assertThat(c.downSince()).isEmpty();
    }
}
