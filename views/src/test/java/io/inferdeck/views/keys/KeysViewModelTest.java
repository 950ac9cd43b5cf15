package io.inferdeck.views.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.gateway.keys.ApiKey;
import io.inferdeck.control.gateway.keys.KeyLimits;
import io.inferdeck.control.gateway.keys.KeyUsage;
import io.inferdeck.services.keys.KeyService;
import io.inferdeck.services.keys.KeysFeed;
import io.inferdeck.services.keys.KeysSnapshot;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.ImmediateDispatcher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Keys page's state over a real keys.db (commands on the calling thread, snapshots read as the feed reads them). */
class KeysViewModelTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-10T12:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2025, 6, 10);

    @TempDir
    Path dir;
    private KeyService keys;
    private KeysViewModel vm;

    @BeforeEach
    void open() {
        keys = new KeyService(dir.resolve("keys.db"), CLOCK, Runnable::run);
        vm = new KeysViewModel(keys, BackgroundExecutor.sameThread(), ImmediateDispatcher.create(), ZoneOffset.UTC);
    }

    @AfterEach
    void close() {
        keys.close();
    }

    private void read() throws Exception {
        vm.accept(keys.read(KeysFeed.DAYS));
    }

    @Test
    void saysItIsEmptyOnlyOnceReadAndWithNeitherKeysNorUsage() throws Exception {
        assertThat(vm.emptyProperty().get()).as("not read yet").isFalse();
        read();
        assertThat(vm.emptyProperty().get()).isTrue();
        keys.add("ci", KeyLimits.UNLIMITED);
        read();
        assertThat(vm.emptyProperty().get()).isFalse();
        assertThat(vm.summaryProperty().get()).isEqualTo("1 key (1 active) · last 7 days (UTC): 0 requests");
    }

    @Test
    void showsTheUsageOfTheDaysChosenWithTheKeysNames() throws Exception {
        ApiKey ci = keys.add("ci", KeyLimits.of(60, 20_000L, null)).key();
        keys.storeForGateways(w -> { }).addUsage(List.of(new KeyUsage(TODAY, ci.id(), 4, 40, 80, 1),
                new KeyUsage(TODAY.minusDays(6), "profile", 2, 10, 20, 0), new KeyUsage(TODAY.minusDays(7), ci.id(), 9, 90, 90, 0),
                new KeyUsage(TODAY.minusDays(1), "k00000000", 1, 1, 1, 0)));
        read();
        assertThat(vm.usage()).extracting(UsageRow::name).containsExactly("ci", "k00000000", KeysSnapshot.PROFILE_KEY_NAME);
        assertThat(vm.keys()).singleElement().satisfies(r -> {
            assertThat(r.requests()).isEqualTo(4);
            assertThat(r.tokensIn()).isEqualTo(40);
            assertThat(r.tokensOut()).isEqualTo(80);
        });
        assertThat(vm.summaryProperty().get()).endsWith("last 7 days (UTC): 7 requests");

        vm.setDays(14);
        assertThat(vm.usage()).hasSize(4);
        assertThat(vm.keys().getFirst().requests()).isEqualTo(13);
    }

    @Test
    void aKeyIsMadeFromTheFormAndItsSecretLeavesWithTheDialog() throws Exception {
        vm.openAdd();
        assertThat(vm.dialogProperty().get()).isEqualTo(new KeysDialog.Add(""));
        vm.create();
        assertThat(vm.dialogProperty().get()).isInstanceOfSatisfying(KeysDialog.Add.class, a -> assertThat(a.error()).contains("name"));
        vm.form().nameProperty().set("team-a");
        vm.form().rpmProperty().set("0");
        vm.create();
        assertThat(vm.dialogProperty().get()).isInstanceOfSatisfying(KeysDialog.Add.class,
                a -> assertThat(a.error()).startsWith("Requests per minute must be"));
        vm.form().rpmProperty().set("1,200");
        vm.form().concurrencyProperty().set("4");
        vm.create();

        KeysDialog.Created made = (KeysDialog.Created) vm.dialogProperty().get();
        assertThat(made.key().key().limits()).isEqualTo(new KeyLimits(OptionalInt.of(1200), OptionalLong.empty(), OptionalInt.of(4)));
        assertThat(keys.lookup(made.key().secret()).orElseThrow().name()).isEqualTo("team-a");
        vm.closeDialog();
        assertThat(vm.dialogProperty().get()).isEqualTo(KeysDialog.NONE);

        vm.openAdd();
        vm.form().nameProperty().set("team-a");
        vm.create();
        assertThat(vm.dialogProperty().get()).as("the store's refusal, as it says it")
                .isInstanceOfSatisfying(KeysDialog.Add.class, a -> assertThat(a.error()).contains("exists already"));
    }

    @Test
    void revokesTheSelectedActiveKeyOnceConfirmed() throws Exception {
        keys.add("ci", KeyLimits.UNLIMITED);
        read();
        assertThat(vm.canRevokeProperty().get()).isFalse();
        vm.select(vm.keys().getFirst());
        assertThat(vm.canRevokeProperty().get()).isTrue();
        vm.askRevoke();
        assertThat(vm.dialogProperty().get()).isInstanceOf(KeysDialog.Revoke.class);
        vm.revoke();
        assertThat(vm.dialogProperty().get()).isEqualTo(KeysDialog.NONE);
        assertThat(vm.messageProperty().get()).startsWith("Key 'ci'").contains("revoked");
        read();
        assertThat(vm.selectedProperty().get().key().active()).as("the selection follows the key into the new snapshot").isFalse();
        assertThat(vm.canRevokeProperty().get()).isFalse();
    }
}
