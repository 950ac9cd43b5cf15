package io.inferdeck.views.traffic;

import static io.inferdeck.views.traffic.TrafficFixtures.mixed;
import static io.inferdeck.views.traffic.TrafficFixtures.ok;
import static io.inferdeck.views.traffic.TrafficFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import io.inferdeck.services.traffic.TrafficEntry;
import io.inferdeck.services.traffic.TrafficSnapshot;
import io.inferdeck.styles.Theme;
import io.inferdeck.views.fx.ImmediateDispatcher;
import java.time.ZoneOffset;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Traffic page on a headless stage, fed snapshots as the feed publishes them. The stage is the page's share
 * of a 1280×720 window (the navigation takes 224 px, the status bar about 30 px), styled as the console is (the
 * AtlantaFX base under our stylesheets: its fonts and paddings decide whether a header fits).
 */
@ExtendWith(ApplicationExtension.class)
class TrafficViewTest {
    private final TrafficViewModel vm = new TrafficViewModel(ImmediateDispatcher.create(), ZoneOffset.UTC);

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(new TrafficView(vm), 1280 - 224, 720 - 30);
        scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void modenaAgain() {
        Application.setUserAgentStylesheet(null);   // the other pages' tests run under JavaFX's default
    }

    private void feed(FxRobot robot, TrafficSnapshot s) {
        robot.interact(() -> vm.accept(s));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static TableView<TrafficEntry> table(FxRobot robot) {
        return robot.lookup("#traffic-table").queryAs(TableView.class);
    }

    /** Visible itself and inside visible parents. */
    private static boolean shown(Node n) {
        for (Node at = n; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void showsWhyItIsEmptyThenTheRequests(FxRobot robot) {
        assertThat(robot.lookup("#traffic-empty .empty-state-title").queryAs(Label.class).getText()).isEqualTo("No deployment running");
        feed(robot, snapshot());
        assertThat(robot.lookup("#traffic-empty .empty-state-title").queryAs(Label.class).getText()).isEqualTo("No requests yet");
        assertThat(shown(table(robot))).isFalse();

        feed(robot, mixed());

        assertThat(robot.lookup("#traffic-empty").tryQuery()).isEmpty();
        assertThat(shown(table(robot))).isTrue();
        assertThat(table(robot).getItems()).hasSize(7);
        assertThat(robot.lookup("#traffic-count").queryAs(Label.class).getText()).isEqualTo("Showing 7 of 7 · capacity 2,000");
    }

    @Test
    void everyColumnHeaderAndCellIsReadableInFull(FxRobot robot) {
        feed(robot, mixed());
        List<Node> headers = List.copyOf(robot.lookup("#traffic-table .column-header .label").queryAll());
        assertThat(headers).hasSize(12 + 2);   // two group headers: latency and tokens
        for (Node n : headers) {
            Label header = (Label) n;
            Text shown = (Text) header.lookup(".text");
            assertThat(shown.getText()).as("header %s", header.getText()).isEqualTo(header.getText());
        }
        List<Node> cells = List.copyOf(robot.lookup("#traffic-table .table-cell").queryAll());
        assertThat(cells).hasSizeGreaterThan(12 * 5);
        for (Node n : cells) {
            javafx.scene.control.Labeled cell = (javafx.scene.control.Labeled) n;
            if (cell.getText() != null && !cell.getText().isEmpty()) {
                assertThat(((Text) cell.lookup(".text")).getText()).as("cell %s", cell.getText()).isEqualTo(cell.getText());
            }
        }
    }

    @Test
    void filtersFromTheToolbar(FxRobot robot) {
        feed(robot, mixed());
        @SuppressWarnings("unchecked")
        ComboBox<StatusClass> status = robot.lookup("#traffic-status").queryAs(ComboBox.class);
        robot.interact(() -> status.setValue(StatusClass.SERVER_ERROR));
        assertThat(table(robot).getItems()).extracting(e -> e.request().status()).containsExactly(502, 503);
        robot.interact(() -> status.setValue(StatusClass.ALL));

        robot.clickOn("#traffic-slow").write("1000");
        assertThat(table(robot).getItems()).containsExactly(ok(4, "team-b", "replica-1", 2400));
        assertThat(robot.lookup("#traffic-count").queryAs(Label.class).getText()).startsWith("Showing 1 of 7");

        robot.write("x");
        assertThat(robot.lookup("#traffic-slow").query().getPseudoClassStates()).extracting(Object::toString).contains("invalid");
    }

    @Test
    void theSelectedRequestStaysSelectedAsNewOnesArriveAndShowsItsBreakdown(FxRobot robot) {
        TrafficEntry slow = ok(4, "team-b", "replica-1", 2400);
        feed(robot, mixed());
        robot.interact(() -> table(robot).getSelectionModel().select(slow));
        assertThat(robot.lookup("#traffic-timeline").queryAs(Label.class).getText())
                .isEqualTo("queue 2.0 ms → TTFT 600 ms → e2e 2,400 ms");
        assertThat(robot.lookup("#traffic-bar .traffic-segment").queryAll()).hasSize(3);

        List<TrafficEntry> more = new java.util.ArrayList<>(List.of(ok(9, "team-a", "replica-0", 30), ok(8, "team-a", "replica-0", 40)));
        more.addAll(mixed().requests());
        feed(robot, snapshot(more.toArray(TrafficEntry[]::new)));

        assertThat(table(robot).getItems()).hasSize(9);
        assertThat(table(robot).getSelectionModel().getSelectedItem()).isEqualTo(slow);
        assertThat(vm.detailProperty().get().entry()).isEqualTo(slow);
    }

    @Test
    void pauseHoldsTheTableUntilResumed(FxRobot robot) {
        feed(robot, mixed());
        robot.clickOn("#traffic-pause");
        assertThat(robot.lookup("#traffic-pause").queryAs(Button.class).getText()).isEqualTo("Resume");

        List<TrafficEntry> more = new java.util.ArrayList<>(List.of(ok(9, "team-a", "replica-0", 30)));
        more.addAll(mixed().requests());
        feed(robot, snapshot(more.toArray(TrafficEntry[]::new)));
        assertThat(table(robot).getItems()).hasSize(7);
        assertThat(robot.lookup("#traffic-count").queryAs(Label.class).getText()).endsWith("paused, 1 newer");

        robot.clickOn("#traffic-pause");
        assertThat(table(robot).getItems()).hasSize(8);
    }
}
