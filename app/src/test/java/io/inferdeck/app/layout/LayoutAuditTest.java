package io.inferdeck.app.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The checker behind {@code ConsoleFitUiTest}, on small scenes built to break in one way each: it must name the
 * broken node, and say nothing about a scene that fits (else the page test could neither fail nor pass honestly).
 */
@ExtendWith(ApplicationExtension.class)
class LayoutAuditTest {
    private static final String LONG = "A deliberately long label that cannot fit into three hundred pixels of width at all";

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
    }

    private List<LayoutAudit.Problem> audit(FxRobot robot, Node content) {
        List<LayoutAudit.Problem> found = new ArrayList<>();
        robot.interact(() -> {
            stage.getScene().setRoot(new VBox(content));
            found.addAll(LayoutAudit.audit(stage.getScene()));
        });
        return found;
    }

    private static Label label(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        return l;
    }

    @Test
    void aSceneThatFitsHasNoProblems(FxRobot robot) {
        Button icon = new Button(null, new Region());
        icon.setTooltip(new Tooltip("Refresh"));
        assertThat(audit(robot, new VBox(label("short", "Fits easily"), new Button("Run"), icon,
                new ScrollPane(new Label("narrow content"))))).isEmpty();
    }

    @Test
    void aLabelCutToAnEllipsisIsNamedWithWhatItShows(FxRobot robot) {
        assertThat(audit(robot, new HBox(label("too-long", LONG)))).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("text cut without full-text tooltip");
            assertThat(p.node()).contains("Label#too-long", "'" + LONG.substring(0, 40));
            assertThat(p.detail()).contains("...' in ");   // JavaFX's default ellipsis string
        });
    }

    @Test
    void aCutLabelPassesOnlyWithTheFullTextAsItsTooltip(FxRobot robot) {
        Label full = label("full-tooltip", LONG);
        full.setTooltip(new Tooltip(LONG));
        assertThat(audit(robot, new HBox(full))).isEmpty();

        Label other = label("other-tooltip", LONG);
        other.setTooltip(new Tooltip("something else"));
        assertThat(audit(robot, new HBox(other))).extracting(LayoutAudit.Problem::kind)
                .containsExactly("text cut without full-text tooltip");
    }

    @Test
    void aCutCellPassesWithTheFullTextInItsRowsTooltip(FxRobot robot) {
        HBox row = new HBox(label("cell", LONG));
        Tooltip.install(row, new Tooltip("path and problem: " + LONG));
        assertThat(audit(robot, row)).isEmpty();
    }

    @Test
    void aCutButtonIsAProblemEvenWithATooltip(FxRobot robot) {
        Button b = new Button(LONG);
        b.setId("long-button");
        b.setTooltip(new Tooltip(LONG));
        assertThat(audit(robot, new HBox(b))).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("button text cut");
            assertThat(p.node()).startsWith("Button#long-button");
        });
    }

    @Test
    void anIconOnlyButtonNeedsATooltip(FxRobot robot) {
        Button icon = new Button(null, new Region());
        icon.setId("icon");
        assertThat(audit(robot, icon)).extracting(LayoutAudit.Problem::kind).containsExactly("icon-only button without tooltip");
    }

    @Test
    void aNodeWiderThanTheWindowIsReportedOnceAtTheTop(FxRobot robot) {
        Region wide = new Region();
        wide.setId("wide");
        wide.setMinWidth(500);
        HBox row = new HBox(wide, label("inside", "x"));
        row.setId("row");
        List<LayoutAudit.Problem> found = audit(robot, row);
        assertThat(found).extracting(LayoutAudit.Problem::kind).contains("outside the window");
        assertThat(found).filteredOn(p -> p.kind().equals("outside the window")).first()
                .satisfies(p -> assertThat(p.detail()).contains("300×200 window"));
        assertThat(found).noneMatch(p -> p.node().startsWith("Label#inside") && p.kind().equals("outside the window"));
    }

    @Test
    void aChildPushedOutOfItsParentAndASqueezedRegionAreReported(FxRobot robot) {
        Region fixed = new Region();
        fixed.setId("fixed");
        fixed.setMinSize(120, 10);
        HBox box = new HBox(fixed);
        box.setId("box");
        box.setMinWidth(80);   // a box sized narrower than its child's minimum: the child sticks out
        box.setMaxWidth(80);
        assertThat(audit(robot, box)).extracting(LayoutAudit.Problem::toString)
                .anyMatch(s -> s.startsWith("outside its parent: Region#fixed") && s.contains("HBox#box"));

        Region squeezed = new Region();
        squeezed.setId("squeezed");
        squeezed.setMinWidth(150);
        Region tight = new Region() {   // lays its child out at a fixed size, as a skin or a split pane may
            {
                getChildren().add(squeezed);
            }

            @Override
            protected void layoutChildren() {
                squeezed.resizeRelocate(0, 0, 40, 10);
            }
        };
        assertThat(audit(robot, tight)).extracting(LayoutAudit.Problem::toString)
                .anyMatch(s -> s.startsWith("squeezed below its minimum size: Region#squeezed") && s.contains("needs 150"));
    }

    @Test
    void contentCutOffByAClippingPaneIsReported(FxRobot robot) {
        Button below = new Button("Copy");
        below.setId("below");
        VBox content = new VBox(new Region() {
            {
                setMinHeight(150);
            }
        }, below);
        content.setId("clipped-content");
        StackPane area = new StackPane(content);   // as a tab's content area: fixed size, clipped to it
        area.setMinSize(200, 100);
        area.setMaxSize(200, 100);
        area.setClip(new javafx.scene.shape.Rectangle(200, 100));
        assertThat(audit(robot, area)).extracting(LayoutAudit.Problem::toString)
                .anyMatch(s -> s.startsWith("outside its parent: VBox#clipped-content") && s.contains("of 200×100"));
    }

    @Test
    void aHorizontalScrollBarOnAScrollPaneIsReported(FxRobot robot) {
        Region wide = new Region();
        wide.setPrefSize(900, 50);
        ScrollPane pane = new ScrollPane(wide);
        pane.setId("body");
        pane.setPrefSize(250, 150);
        assertThat(audit(robot, pane)).extracting(LayoutAudit.Problem::toString)
                .anyMatch(s -> s.startsWith("horizontal scroll bar: ScrollPane#body") && s.contains("content 900 px"));
    }
}
