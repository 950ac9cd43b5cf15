package io.inferdeck.control.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.common.sqlite.DamagedStoreException;
import io.inferdeck.common.sqlite.MovedAside;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreTest {
    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("keys.db");
    }

    @Test
    void aNewKeyIsHighEntropyShownOnceAndStoredOnlyHashed() throws Exception {
        NewKey k;
        try (KeyStore s = KeyStore.open(db(), Clock.systemUTC())) {
            k = s.add("ci", KeyLimits.of(60, 10_000L, 4));
            assertThat(k.secret()).matches("idk-[A-Za-z0-9_-]{43}");
            assertThat(k.key().id()).matches("k[0-9a-f]{8}");
            assertThat(k.toString()).doesNotContain(k.secret());
            assertThat(s.lookup(k.secret())).contains(k.key());
            assertThat(s.lookup(k.secret() + "x")).isEmpty();
            assertThat(s.add("other", KeyLimits.UNLIMITED).secret()).isNotEqualTo(k.secret());
        }
        String stored = new String(Files.readAllBytes(db()), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain(k.secret().substring(4)).contains(KeySecrets.hash(k.secret()));
        try (KeyStore again = KeyStore.open(db(), Clock.systemUTC())) {
            assertThat(again.list()).extracting(ApiKey::name).containsExactly("ci", "other");
            assertThat(again.list().getFirst().limits()).isEqualTo(KeyLimits.of(60, 10_000L, 4));
            assertThat(again.lookup(k.secret())).isPresent();
        }
    }

    @Test
    void namesAreCheckedAndUniqueAmongActiveKeys() throws Exception {
        try (KeyStore s = KeyStore.open(db(), Clock.systemUTC())) {
            NewKey first = s.add("ci", KeyLimits.UNLIMITED);
            assertThatThrownBy(() -> s.add("ci", KeyLimits.UNLIMITED)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exists already");
            for (String bad : new String[] {"", "has space", "-dash", "x".repeat(65), "k0123abcd"}) {
                assertThatThrownBy(() -> s.add(bad, KeyLimits.UNLIMITED)).as(bad).isInstanceOf(IllegalArgumentException.class);
            }
            s.revoke("ci");
            NewKey second = s.add("ci", KeyLimits.UNLIMITED);   // a rotated key may keep its name
            assertThat(second.key().id()).isNotEqualTo(first.key().id());
            assertThat(s.list()).hasSize(2);
        }
    }

    @Test
    void revokeByNameOrIdOnceAndNeverAnUnknownKey() throws Exception {
        try (KeyStore s = KeyStore.open(db(), Clock.systemUTC())) {
            NewKey a = s.add("a", KeyLimits.UNLIMITED);
            NewKey b = s.add("b", KeyLimits.UNLIMITED);
            assertThat(s.revoke("a").revoked()).isPresent();
            assertThat(s.revoke(b.key().id()).name()).isEqualTo("b");
            assertThat(s.lookup(a.secret()).orElseThrow().active()).isFalse();
            assertThatThrownBy(() -> s.revoke(a.key().id())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("revoked already");
            assertThatThrownBy(() -> s.revoke("nobody")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no active key named or with id 'nobody'");
        }
    }

    @Test
    void usageAddsUpPerDayAndKey() throws Exception {
        LocalDate d = LocalDate.of(2025, 3, 1);
        try (KeyStore s = KeyStore.open(db(), Clock.systemUTC())) {
            s.addUsage(List.of(new KeyUsage(d, "k1", 2, 10, 20, 1), new KeyUsage(d.plusDays(1), "k1", 1, 1, 1, 0)));
            s.addUsage(List.of(new KeyUsage(d, "k1", 3, 5, 5, 0)));
            assertThat(s.usage(d)).containsExactly(new KeyUsage(d.plusDays(1), "k1", 1, 1, 1, 0), new KeyUsage(d, "k1", 5, 15, 25, 1));
            assertThat(s.usage(d.plusDays(1))).hasSize(1);
        }
    }

    @Test
    void aDamagedFileIsMovedAsideInOneLineAndAFreshOneStarted() throws Exception {
        byte[] junk = new byte[16384];
        new Random(14).nextBytes(junk);
        Files.write(db(), junk);
        try (KeyStore s = KeyStore.open(db(), Clock.systemUTC())) {
            MovedAside m = s.movedAside().orElseThrow();
            assertThat(m.sentence()).doesNotContain("\n").contains(db().toString()).contains("key database").contains("sqlite3");
            assertThat(Files.readAllBytes(m.keptAt())).as("kept, not deleted").isEqualTo(junk);
            assertThat(s.list()).isEmpty();
            assertThat(s.add("ci", KeyLimits.UNLIMITED).key().name()).isEqualTo("ci");
        }
    }

    @Test
    void damageFoundByAStatementMovesTheFileAsideAndForgetsItsKeys() throws Exception {
        try (KeyStore s = KeyStore.open(db(), Clock.systemUTC())) {
            s.addUsage(List.of(new KeyUsage(LocalDate.of(2025, 1, 1), "k1", 1, 1, 1, 0)));
        }
        try (KeyStore s = KeyStore.open(db(), Clock.systemUTC())) {
            NewKey k = s.add("ci", KeyLimits.UNLIMITED);
            long usageRoot;
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement st = other.createStatement()) {
                ResultSet rs = st.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = 'usage'");
                usageRoot = rs.getLong(1);
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");   // every page in the main file, where the damage goes
                try (RandomAccessFile f = new RandomAccessFile(db().toFile(), "rw")) {
                    byte[] junk = new byte[4096];
                    new Random(3).nextBytes(junk);
                    f.seek((usageRoot - 1) * 4096);
                    f.write(junk);
                }
                st.execute("CREATE TABLE IF NOT EXISTS touched (x)");   // another process's commit: the store's page cache is stale
            }
            assertThatThrownBy(() -> s.usage(LocalDate.of(2025, 1, 1))).isInstanceOf(DamagedStoreException.class)
                    .hasMessageContaining("moved it to keys.db.corrupt-");
            assertThat(s.lookup(k.secret())).as("the fresh file has no keys").isEmpty();
            assertThat(s.list()).isEmpty();
            assertThat(s.usage(LocalDate.of(2025, 1, 1))).isEmpty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("keys.db.corrupt-"));
        }
    }

    @Test
    void theDefaultLocationIsInInferDecksDataFolder() {
        assertThat(KeyStore.defaultLocation(Map.of("XDG_DATA_HOME", "/x/data"))).isEqualTo(Path.of("/x/data/inferdeck/keys.db"));
        assertThat(KeyStore.defaultLocation(Map.of("HOME", "/home/u"))).isEqualTo(Path.of("/home/u/.local/share/inferdeck/keys.db"));
    }
}
