package io.inferdeck.services.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.gateway.keys.ApiKey;
import io.inferdeck.control.gateway.keys.KeyLimits;
import io.inferdeck.control.gateway.keys.KeyStore;
import io.inferdeck.control.gateway.keys.KeyUsage;
import io.inferdeck.services.bus.LiveBus;
import io.inferdeck.services.bus.Topic;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Keys page's feed over a real keys.db: a snapshot at start, another after each change made in this process,
 * and one after a change by another connection, found by the service's one data_version poll.
 */
class KeysFeedTest {
    @TempDir
    Path dir;
    private final ScheduledExecutorService io = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-gateway-keys"));

    @AfterEach
    void stop() throws Exception {
        io.shutdownNow();
        io.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static KeysSnapshot await(Topic<KeysSnapshot> topic, Predicate<KeysSnapshot> done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (topic.latest().filter(done).isEmpty()) {
            assertThat(System.nanoTime()).as("waited 20 s; last: %s", topic.latest()).isLessThan(end);
            Thread.sleep(20);
        }
        return topic.latest().orElseThrow();
    }

    @Test
    void publishesAtStartAfterOwnChangesAndAfterAnotherProcessWrote() throws Exception {
        Topic<KeysSnapshot> topic = new LiveBus().topic(KeysFeed.SNAPSHOTS);
        try (KeyService keys = new KeyService(dir.resolve("keys.db"), Clock.systemUTC(), io);
             KeysFeed feed = new KeysFeed(keys, io, topic, Clock.systemUTC())) {
            keys.watch(io);
            feed.start();
            KeysSnapshot first = await(topic, s -> true);
            assertThat(first.keys()).isEmpty();
            assertThat(first.problem()).isEmpty();
            assertThat(first.from()).isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(KeysFeed.DAYS - 1L));

            ApiKey ci = keys.add("ci", KeyLimits.of(60, null, null)).key();
            await(topic, s -> s.keys().contains(ci));
            keys.revoke("ci");
            await(topic, s -> s.keys().size() == 1 && !s.keys().getFirst().active());

            try (KeyStore other = KeyStore.open(dir.resolve("keys.db"), Clock.systemUTC())) {   // as `up` or the CLI
                other.add("batch", KeyLimits.UNLIMITED);
                other.addUsage(List.of(new KeyUsage(LocalDate.now(ZoneOffset.UTC), ci.id(), 3, 30, 60, 0)));
            }
            KeysSnapshot later = await(topic, s -> s.keys().size() == 2 && !s.usage().isEmpty());
            assertThat(later.keys()).extracting(ApiKey::name).containsExactly("ci", "batch");
            assertThat(later.usage()).extracting(KeyUsage::requests).containsExactly(3L);
        }
    }

    @Test
    void aFileThatCannotBeReadIsSaidWithTheLastKeysKept() throws Exception {
        Topic<KeysSnapshot> topic = new LiveBus().topic(KeysFeed.SNAPSHOTS);
        java.nio.file.Files.writeString(dir.resolve("keys.db"), "not a database, just text long enough to fill a header ".repeat(20));
        try (KeyService keys = new KeyService(dir.resolve("keys.db"), Clock.systemUTC(), io);
             KeysFeed feed = new KeysFeed(keys, io, topic, Clock.systemUTC())) {
            feed.start();
            KeysSnapshot s = await(topic, x -> true);
            assertThat(s.problem()).hasValueSatisfying(p -> assertThat(p).contains("keys.db.corrupt-"));
            assertThat(s.keys()).isEmpty();
            keys.add("fresh", KeyLimits.UNLIMITED);
            KeysSnapshot next = await(topic, x -> x.problem().isEmpty());
            assertThat(next.keys()).extracting(ApiKey::name).containsExactly("fresh");
        }
    }
}
