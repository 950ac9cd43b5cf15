package io.inferdeck.views.keys;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import io.inferdeck.control.gateway.keys.ApiKey;
import io.inferdeck.control.gateway.keys.KeyLimits;
import io.inferdeck.control.gateway.keys.KeyUsage;
import io.inferdeck.services.bus.LiveBus;
import io.inferdeck.services.bus.Topic;
import io.inferdeck.services.keys.KeyService;
import io.inferdeck.services.keys.KeysFeed;
import io.inferdeck.services.keys.KeysSnapshot;
import io.inferdeck.styles.Theme;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Keys page on a headless stage with the console's real parts: a keys.db in a temporary folder, the feed that
 * follows it on its own thread, Add and Revoke on a worker, the FX dispatcher. The stage is the page's share of a
 * 1280×720 window (the navigation takes 224 px, the status bar about 30 px), styled as the console is.
 */
@ExtendWith(ApplicationExtension.class)
class KeysViewTest {
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir
    Path dir;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService io = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-gateway-keys"));
    private final BackgroundExecutor worker = BackgroundExecutor.threadPool("test-keys-worker", 1);
    private KeyService keys;
    private KeysFeed feed;
    private KeysViewModel vm;
    private Topic<KeysSnapshot> topic;

    @Start
    void start(Stage stage) {
        keys = new KeyService(dir.resolve("keys.db"), Clock.systemUTC(), io);
        topic = new LiveBus().topic(KeysFeed.SNAPSHOTS);
        feed = new KeysFeed(keys, io, topic, Clock.systemUTC());
        vm = new KeysViewModel(keys, worker, FxDispatcher.onFxThread(timer), ZoneOffset.UTC);
        topic.subscribe(vm::accept);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(new KeysView(vm), 1280 - 224, 720 - 30);
        scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        Application.setUserAgentStylesheet(null);   // the other pages' tests run under JavaFX's default
        feed.close();
        worker.close();
        io.shutdownNow();
        io.awaitTermination(5, TimeUnit.SECONDS);
        keys.close();
        timer.shutdownNow();
    }

    private void startFeed(FxRobot robot) throws Exception {
        feed.start();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> topic.latest().isPresent());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#keys-summary").queryAs(Label.class).getText().contains("active)"));
    }

    @SuppressWarnings("unchecked")
    private static TableView<KeyRow> keyTable(FxRobot robot) {
        return robot.lookup("#keys-table").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private static TableView<UsageRow> usageTable(FxRobot robot) {
        return robot.lookup("#keys-usage-table").queryAs(TableView.class);
    }

    private static boolean shown(Node n) {
        for (Node at = n; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void withoutKeysItExplainsHowKeysWork(FxRobot robot) throws Exception {
        startFeed(robot);
        Node empty = robot.lookup("#keys-empty").query();
        assertThat(shown(empty)).isTrue();
        assertThat(shown(keyTable(robot))).isFalse();
        String text = robot.lookup("#keys-empty .empty-state-text").queryAs(Label.class).getText();
        assertThat(text).contains("gateway.keys: true").contains("inferdeck keys add");
        assertThat(robot.lookup("#keys-empty .empty-state-point .label").queryAll()).extracting(n -> ((Label) n).getText())
                .anySatisfy(p -> assertThat(p).contains("anything but loopback"));
        assertThat(robot.lookup("#keys-add").queryAs(Button.class).isDisabled()).as("Add stays offered").isFalse();
    }

    @Test
    void addShowsTheKeyOnceThenItsRowRevokeMarksItAndUsageIsListed(FxRobot robot) throws Exception {
        ApiKey ci = keys.add("ci", KeyLimits.of(60, 20_000L, 4)).key();
        keys.storeForGateways(w -> { }).addUsage(List.of(new KeyUsage(TODAY, ci.id(), 12, 340, 560, 1),
                new KeyUsage(TODAY.minusDays(1), ci.id(), 30, 900, 1500, 0), new KeyUsage(TODAY.minusDays(2), "profile", 5, 50, 70, 0),
                new KeyUsage(TODAY.minusDays(10), ci.id(), 99, 99, 99, 0)));
        startFeed(robot);
        assertThat(usageTable(robot).getItems()).extracting(UsageRow::name).containsExactlyInAnyOrder("ci", "ci", KeysSnapshot.PROFILE_KEY_NAME);
        assertThat(keyTable(robot).getItems()).singleElement().satisfies(r -> assertThat(r.requests()).isEqualTo(42));

        robot.clickOn("#keys-add");
        robot.clickOn("#keys-name").write("team-a");
        robot.clickOn("#keys-rpm").write("120");
        robot.clickOn("#keys-concurrency").write("two");
        robot.clickOn("#keys-create");
        assertThat(robot.lookup("#keys-add-error").queryAs(Label.class).getText()).startsWith("Requests at once must be");
        robot.interact(() -> vm.form().concurrencyProperty().set("2"));
        robot.clickOn("#keys-create");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#keys-secret").tryQuery().isPresent());

        String secret = robot.lookup("#keys-secret").queryAs(TextField.class).getText();
        assertThat(secret).startsWith("idk-");
        assertThat(keys.lookup(secret).orElseThrow().name()).isEqualTo("team-a");
        robot.clickOn("#keys-copy");
        assertThat(robot.lookup("#keys-copy").queryAs(Button.class).getText()).isEqualTo("Copied");
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(5, TimeUnit.SECONDS);
        assertThat(copied).isEqualTo(secret);
        robot.clickOn("#keys-done");
        assertThat(robot.lookup("#keys-created-dialog").tryQuery()).isEmpty();
        assertThat(robot.lookup(n -> n instanceof TextInputControl t && secret.equals(t.getText())
                || n instanceof Labeled l && l.getText() != null && l.getText().contains(secret)).tryQuery())
                .as("the secret is shown once: nowhere on the page after Done").isEmpty();

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> keyTable(robot).getItems().size() == 2);
        KeyRow teamA = keyTable(robot).getItems().stream().filter(r -> r.key().name().equals("team-a")).findFirst().orElseThrow();
        assertThat(KeysText.limit(teamA.key().limits().requestsPerMinute())).isEqualTo("120");
        assertThat(KeysText.limit(teamA.key().limits().tokensPerMinute())).isEqualTo(KeysText.UNLIMITED);

        assertThat(robot.lookup("#keys-revoke").queryAs(Button.class).isDisabled()).isTrue();
        robot.interact(() -> keyTable(robot).getSelectionModel().select(teamA));
        robot.clickOn("#keys-revoke");
        assertThat(robot.lookup("#keys-revoke-dialog .keys-dialog-title").queryAs(Label.class).getText()).contains("team-a");
        robot.clickOn("#keys-revoke-confirm");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> keyTable(robot).getItems().stream()
                .anyMatch(r -> r.key().name().equals("team-a") && !r.key().active()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(keys.lookup(secret).orElseThrow().active()).isFalse();
        Node revokedRow = robot.lookup("#keys-table .table-row-cell").match(n -> n.getPseudoClassStates()
                .contains(PseudoClass.getPseudoClass("revoked"))).query();
        assertThat(((javafx.scene.control.TableRow<?>) revokedRow).getItem()).extracting(r -> ((KeyRow) r).key().name()).isEqualTo("team-a");
        assertThat(robot.lookup("#keys-table .table-cell").queryAll()).extracting(n -> ((Labeled) n).getText())
                .anySatisfy(t -> assertThat(t).startsWith("revoked " + TODAY));
        assertThat(robot.lookup("#keys-revoke").queryAs(Button.class).isDisabled()).as("a revoked key cannot be revoked again").isTrue();
    }

    @Test
    void everyHeaderAndCellIsReadableInFull(FxRobot robot) throws Exception {
        ApiKey ci = keys.add("nightly-evaluation", KeyLimits.of(1200, 2_000_000L, 16)).key();
        keys.add("ci", KeyLimits.UNLIMITED);
        keys.revoke("ci");
        keys.storeForGateways(w -> { }).addUsage(List.of(new KeyUsage(TODAY, ci.id(), 123_456, 12_345_678, 23_456_789, 1_234)));
        startFeed(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> keyTable(robot).getItems().size() == 2 && !usageTable(robot).getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        for (String table : List.of("#keys-table", "#keys-usage-table")) {
            for (Node n : robot.lookup(table + " .column-header .label").queryAll()) {
                Label header = (Label) n;
                assertThat(((Text) header.lookup(".text")).getText()).as("header %s", header.getText()).isEqualTo(header.getText());
            }
            for (Node n : robot.lookup(table + " .table-cell").queryAll()) {
                Labeled cell = (Labeled) n;
                if (cell.getText() != null && !cell.getText().isEmpty()) {
                    assertThat(((Text) cell.lookup(".text")).getText()).as("cell %s", cell.getText()).isEqualTo(cell.getText());
                }
            }
        }
    }
}
