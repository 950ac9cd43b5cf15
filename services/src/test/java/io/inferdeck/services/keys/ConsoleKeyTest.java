package io.inferdeck.services.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.gateway.keys.ApiKey;
import io.inferdeck.control.gateway.keys.KeyLimits;
import io.inferdeck.control.gateway.keys.KeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's ephemeral key against a real keys.db: made once on first need, revoked on close, orphans swept. */
class ConsoleKeyTest {
    private static final long PID = 4242;

    @TempDir
    Path dir;

    private KeyService service() {
        return new KeyService(dir.resolve("keys.db"), Clock.systemUTC(), Runnable::run);
    }

    private static List<ApiKey> active(KeyService keys, String name) throws IOException {
        return keys.list().stream().filter(k -> k.active() && k.name().equals(name)).toList();
    }

    @Test
    void madeOnFirstNeedOnceAndRevokedOnClose() throws Exception {
        try (KeyService keys = service()) {
            ConsoleKey key = new ConsoleKey(keys, PID, pid -> true);
            assertThat(key.id()).as("nothing made before it is needed").isEmpty();
            assertThat(keys.list()).isEmpty();

            String secret = key.secret();
            assertThat(key.secret()).isEqualTo(secret);
            List<ApiKey> mine = active(keys, "console-4242");
            assertThat(mine).hasSize(1);
            assertThat(mine.getFirst().limits()).isEqualTo(KeyLimits.UNLIMITED);
            assertThat(keys.lookup(secret)).map(ApiKey::id).contains(mine.getFirst().id());
            assertThat(key.toString()).doesNotContain(secret);

            key.close();
            assertThat(keys.lookup(secret).orElseThrow().active()).isFalse();
            assertThat(active(keys, "console-4242")).isEmpty();
            assertThatThrownBy(key::secret).isInstanceOf(IOException.class).hasMessageContaining("closing");
            assertThat(keys.list()).as("no key made after close").hasSize(1);
        }
    }

    @Test
    void aKeyTheOperatorRevokedIsReplacedOnTheNextNeed() throws Exception {
        try (KeyService keys = service()) {
            ConsoleKey key = new ConsoleKey(keys, PID, pid -> true);
            String first = key.secret();
            keys.revoke("console-4242");
            String second = key.secret();
            assertThat(second).isNotEqualTo(first);
            assertThat(keys.lookup(second).orElseThrow().active()).isTrue();
            key.close();
            assertThat(active(keys, "console-4242")).isEmpty();
        }
    }

    @Test
    void aKeyLeftUnderThisPidByAnEarlierProcessIsReplaced() throws Exception {
        try (KeyService keys = service()) {
            String stale = keys.add("console-4242", KeyLimits.UNLIMITED).secret();
            ConsoleKey key = new ConsoleKey(keys, PID, pid -> true);
            String secret = key.secret();
            assertThat(keys.lookup(stale).orElseThrow().active()).isFalse();
            assertThat(keys.lookup(secret).orElseThrow().active()).isTrue();
        }
    }

    @Test
    void sweepsOnlyActiveConsoleKeysOfProcessesThatNoLongerRun() throws Exception {
        try (KeyService keys = service()) {
            keys.add("console-111", KeyLimits.UNLIMITED);            // died without closing
            keys.add("console-222", KeyLimits.UNLIMITED);            // another console, running
            keys.add("console-4242", KeyLimits.UNLIMITED);           // this pid: not an orphan of a dead process
            keys.add("console-ci", KeyLimits.UNLIMITED);             // not a console key
            keys.add("ci", KeyLimits.UNLIMITED);
            Set<Long> running = Set.of(222L);
            ConsoleKey key = new ConsoleKey(keys, PID, running::contains);

            assertThat(key.sweepOrphans()).extracting(ApiKey::name).containsExactly("console-111");
            assertThat(keys.list().stream().filter(ApiKey::active).map(ApiKey::name))
                    .containsExactlyInAnyOrder("console-222", "console-4242", "console-ci", "ci");
            assertThat(key.sweepOrphans()).as("swept once").isEmpty();
        }
    }

    @Test
    void withoutAKeyFileThereIsNothingToSweepAndNoFileIsMade() throws Exception {
        try (KeyService keys = service()) {
            assertThat(new ConsoleKey(keys, PID, pid -> false).sweepOrphans()).isEmpty();
            assertThat(Files.exists(dir.resolve("keys.db"))).isFalse();
        }
    }

    @Test
    void aKeyAnEarlierConsoleLeftInTheFileIsSweptAtTheNextStart() throws Exception {
        try (KeyStore other = KeyStore.open(dir.resolve("keys.db"), Clock.systemUTC())) {
            other.add("console-7", KeyLimits.UNLIMITED);
        }
        try (KeyService keys = service()) {
            assertThat(new ConsoleKey(keys, PID, pid -> false).sweepOrphans()).extracting(ApiKey::name).containsExactly("console-7");
        }
    }
}
