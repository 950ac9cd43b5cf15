package io.inferdeck.services.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.common.sqlite.DamagedStoreException;
import io.inferdeck.control.gateway.keys.KeyLimits;
import io.inferdeck.control.gateway.keys.KeyStore;
import io.inferdeck.control.gateway.keys.KeyUsage;
import io.inferdeck.control.gateway.keys.NewKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyServiceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-10T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void theSnapshotHoldsKeysAndTheLastDaysOfUsageWithNames() throws Exception {
        ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-keys-io"));
        try (KeyService keys = new KeyService(dir.resolve("keys.db"), CLOCK, io)) {
            NewKey k = keys.add("ci", KeyLimits.of(10, null, null));
            KeyStore store = keys.storeForGateways(w -> { });
            LocalDate today = LocalDate.of(2025, 6, 10);
            store.addUsage(List.of(new KeyUsage(today, k.key().id(), 4, 40, 80, 1), new KeyUsage(today.minusDays(2), "profile", 1, 1, 1, 0),
                    new KeyUsage(today.minusDays(3), k.key().id(), 9, 9, 9, 9)));
            KeysSnapshot s = keys.snapshot(3).toCompletableFuture().join();
            assertThat(s.from()).isEqualTo(today.minusDays(2));
            assertThat(s.keys()).extracting(a -> a.name()).containsExactly("ci");
            assertThat(s.usage()).extracting(KeyUsage::keyId).containsExactly(k.key().id(), "profile");
            assertThat(s.nameOf(k.key().id())).contains("ci");
            assertThat(s.nameOf("profile")).contains(KeysSnapshot.PROFILE_KEY_NAME);
            assertThat(s.nameOf("k00000000")).isEmpty();
            keys.revoke("ci");
            assertThat(store.lookup(k.secret()).orElseThrow().active()).as("the gateways' store is the same one").isFalse();
        } finally {
            io.shutdownNow();
        }
    }

    @Test
    void aDamagedFileIsToldOnceToReadersOrAsAWarningToGateways() throws Exception {
        Path db = dir.resolve("keys.db");
        Files.writeString(db, "not a database, just text long enough to fill a header ".repeat(20));
        try (KeyService keys = new KeyService(db, CLOCK, Runnable::run)) {
            assertThatThrownBy(keys::list).isInstanceOf(DamagedStoreException.class).hasMessageContaining("keys.db.corrupt-");
            assertThat(keys.list()).isEmpty();
        }
        Files.writeString(db, "not a database, just text long enough to fill a header ".repeat(20));
        try (KeyService keys = new KeyService(db, CLOCK, Runnable::run)) {
            List<String> warnings = new ArrayList<>();
            keys.storeForGateways(warnings::add);
            assertThat(warnings).singleElement().asString().contains("key database").contains("sqlite3");
            assertThat(keys.list()).as("told already").isEmpty();
            assertThatThrownBy(() -> keys.snapshot(0).toCompletableFuture().join()).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(IllegalArgumentException.class);
        }
    }
}
