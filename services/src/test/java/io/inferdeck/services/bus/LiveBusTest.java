package io.inferdeck.services.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveBusTest {
    private static final TopicKey<String> NAMES = TopicKey.of("names", String.class);

    @Test
    void lateSubscriberGetsLatestThenUpdatesUntilClosed() throws Exception {
        LiveBus bus = new LiveBus();
        bus.topic(NAMES).publish("a");
        bus.topic(NAMES).publish("b");
        List<String> seen = new ArrayList<>();
        AutoCloseable sub = bus.topic(NAMES).subscribe(seen::add);
        bus.topic(NAMES).publish("c");
        sub.close();
        bus.topic(NAMES).publish("d");
        assertThat(seen).containsExactly("b", "c");
        assertThat(bus.topic(NAMES).latest()).contains("d");
    }

    @Test
    void failingSubscriberDoesNotStopOthers() {
        LiveBus bus = new LiveBus();
        List<String> seen = new ArrayList<>();
        bus.topic(NAMES).subscribe(v -> {
            throw new IllegalStateException("boom");
        });
        bus.topic(NAMES).subscribe(seen::add);
        bus.topic(NAMES).publish("x");
        assertThat(seen).containsExactly("x");
    }

    @Test
    void sameNameWithOtherTypeIsRefused() {
        LiveBus bus = new LiveBus();
        bus.topic(NAMES);
        assertThatThrownBy(() -> bus.topic(TopicKey.of("names", Integer.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names");
    }
}
