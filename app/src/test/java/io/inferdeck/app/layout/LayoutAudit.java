package io.inferdeck.app.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.TreeView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * What an operator sees as a broken layout, found in a laid-out scene: a {@link Labeled} whose rendered text is not
 * its text (cut to "…" or clipped) unless the tooltip shown over it (its own or, for a table cell, its row's)
 * contains the full text — never acceptable for buttons —, an icon-only button
 * without a tooltip, a node outside the window, a child outside its layout parent, a region squeezed below its
 * minimum size, and a horizontal scroll bar on a {@link ScrollPane} (page bodies scroll vertically; text areas and
 * tables are exempt). Only what is shown counts: invisible and zero-sized nodes are skipped, whatever lies under a
 * clip (scrolled content, virtual-flow cells) is checked against its parent, not against the window, and the parts a
 * control's skin lays out (spinner arrows, a text area's scrolled text) are the skin's business.
 *
 * <p>FX thread only. {@link #audit} lays the scene out first, so rendered text and sizes belong to the same pass.
 */
public final class LayoutAudit {
    /** Sub-pixel snapping and rounding in layout; one pixel is far below anything a person notices. */
    private static final double TOLERANCE = 1.0;
    /** Where {@link Tooltip#install} keeps a tooltip on a node that is not a control. */
    private static final String INSTALLED_TOOLTIP = "javafx.scene.control.Tooltip";

    /** One finding: what is wrong ({@code kind}), with which node, and the figures that show it. */
    public record Problem(String kind, String node, String detail) {
        @Override
        public String toString() {
            return kind + ": " + node + " — " + detail;
        }
    }

    private final double windowWidth;
    private final double windowHeight;
    private final List<Problem> problems = new ArrayList<>();

    private LayoutAudit(Scene scene) {
        windowWidth = scene.getWidth();
        windowHeight = scene.getHeight();
    }

    /** Lays {@code scene} out and returns every problem in it, in scene-graph order; empty when the layout holds. */
    public static List<Problem> audit(Scene scene) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("LayoutAudit runs on the FX thread");
        }
        Parent root = Objects.requireNonNull(scene.getRoot(), "scene root");
        for (int pass = 0; pass < 2; pass++) {   // a second pass settles wrapped text whose height depends on width
            root.applyCss();
            root.layout();
        }
        LayoutAudit audit = new LayoutAudit(scene);
        audit.visit(root, false, false, false, false, false);
        return List.copyOf(audit.problems);
    }

    /**
     * @param clipped an ancestor clips (scrolled content): the window check does not apply
     * @param outside an ancestor was already reported outside the window or its parent: not repeated below it
     * @param squeezed an ancestor was already reported squeezed: not repeated below it
     * @param placed {@code node} is a scroll pane's content, placed and moved by the pane's skin: no parent check
     * @param virtual {@code node} is inside a list or table, whose skins place and scroll their parts (a table's header
     *     row scrolls sideways with its rows): no parent check in the whole subtree
     */
    private void visit(Node node, boolean clipped, boolean outside, boolean squeezed, boolean placed, boolean virtual) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        if (node instanceof Labeled labeled) {
            checkText(labeled);
        }
        Bounds local = node.getLayoutBounds();
        boolean sized = local.getWidth() > 0 && local.getHeight() > 0;
        if (sized && !outside && !clipped) {
            outside = checkInWindow(node);
        }
        if (sized && !outside && !placed && !virtual) {
            outside = checkInParent(node);
        }
        if (sized && !squeezed && node instanceof Region region && region.isManaged()
                && !(node.getParent() instanceof Control)) {   // a skin lays out its parts as its design needs
            squeezed = checkNotSqueezed(region);
        }
        if (node instanceof TextInputControl) {
            return;   // its text scrolls inside it
        }
        if (node instanceof ScrollPane pane) {
            checkHorizontalBar(pane);
            if (pane.getContent() != null) {   // past the skin's viewport nodes, which move the content to scroll it
                visit(pane.getContent(), true, outside, squeezed, true, virtual);
            }
            return;
        }
        if (node instanceof Parent parent) {
            boolean clipsChildren = clipped || node.getClip() != null;
            boolean inVirtual = virtual || node instanceof TableView || node instanceof TreeTableView
                    || node instanceof ListView || node instanceof TreeView;
            for (Node child : parent.getChildrenUnmodifiable()) {
                visit(child, clipsChildren, outside, squeezed, false, inVirtual);
            }
        }
    }

    private void checkText(Labeled labeled) {
        String text = labeled.getText() == null ? "" : labeled.getText();
        boolean graphicOnly = labeled.getContentDisplay() == ContentDisplay.GRAPHIC_ONLY;
        if (labeled instanceof ButtonBase && labeled.getGraphic() != null && (text.isBlank() || graphicOnly)) {
            if (tooltipText(labeled).isBlank()) {
                add("icon-only button without tooltip", labeled, "graphic only, no tooltip says what it does");
            }
            return;
        }
        if (text.isEmpty() || graphicOnly) {
            return;
        }
        Text rendered = renderedText(labeled);
        if (rendered == null || shows(rendered.getText(), labeled)) {
            return;
        }
        String detail = "shows '" + rendered.getText() + "' in " + fmt(labeled.getWidth()) + " px";
        if (labeled instanceof ButtonBase) {
            add("button text cut", labeled, detail);
        } else if (!tooltipText(labeled).contains(text.strip())) {
            add("text cut without full-text tooltip", labeled, detail);
        }
    }

    /** The skin's text node: a {@link Text} child of the control that is not its graphic; null before a skin exists. */
    private static Text renderedText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text t && child != labeled.getGraphic()) {
                return t;
            }
        }
        return null;
    }

    /** Whether {@code shown} is the whole text (mnemonic underscores are not drawn; trailing blanks do not matter). */
    private static boolean shows(String shown, Labeled labeled) {
        String text = labeled.getText().strip();
        String s = shown == null ? "" : shown.strip();
        return s.equals(text) || labeled.isMnemonicParsing() && s.equals(text.replaceFirst("_(?=.)", ""));
    }

    /** The tooltip the pointer shows over {@code node}: its own, else the nearest ancestor's (a table cell's row). */
    private static String tooltipText(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            Tooltip t = n instanceof Control c && c.getTooltip() != null ? c.getTooltip()
                    : n.getProperties().get(INSTALLED_TOOLTIP) instanceof Tooltip installed ? installed : null;
            if (t != null) {
                return t.getText() == null ? "" : t.getText();
            }
        }
        return "";
    }

    private void checkHorizontalBar(ScrollPane pane) {
        for (Node child : pane.getChildrenUnmodifiable()) {
            if (child instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL && bar.isVisible()) {
                double content = pane.getContent() == null ? 0 : pane.getContent().getLayoutBounds().getWidth();
                add("horizontal scroll bar", pane, "content " + fmt(content) + " px wide in a "
                        + fmt(pane.getViewportBounds().getWidth()) + " px viewport");
            }
        }
    }

    private boolean checkInWindow(Node node) {
        Bounds b = node.localToScene(node.getLayoutBounds());
        if (b.getMinX() < -TOLERANCE || b.getMinY() < -TOLERANCE
                || b.getMaxX() > windowWidth + TOLERANCE || b.getMaxY() > windowHeight + TOLERANCE) {
            add("outside the window", node, "spans " + span(b) + " in a " + fmt(windowWidth) + "×" + fmt(windowHeight) + " window");
            return true;
        }
        return false;
    }

    /**
     * Children of layout panes only: controls' skins may draw past their bounds (focus rings, popups' anchors), and a
     * text flow's spans end in the blanks it wraps at, which may reach past its edge without showing anything. A pane
     * that clips (a tab's or split pane's content area) hides what sticks out: that is reported too, as content cut off.
     */
    private boolean checkInParent(Node node) {
        if (!(node.getParent() instanceof Pane parent) || !node.isManaged() || parent instanceof TextFlow) {
            return false;
        }
        Bounds b = node.localToParent(node.getLayoutBounds());
        if (b.getMinX() < -TOLERANCE || b.getMinY() < -TOLERANCE
                || b.getMaxX() > parent.getWidth() + TOLERANCE || b.getMaxY() > parent.getHeight() + TOLERANCE) {
            add("outside its parent", node, "spans " + span(b) + " in " + describe(parent) + " of "
                    + fmt(parent.getWidth()) + "×" + fmt(parent.getHeight()));
            return true;
        }
        return false;
    }

    private boolean checkNotSqueezed(Region region) {
        double minW = region.minWidth(region.getContentBias() == Orientation.VERTICAL ? region.getHeight() : -1);
        double minH = region.minHeight(region.getContentBias() == Orientation.HORIZONTAL ? region.getWidth() : -1);
        if (region.getWidth() + TOLERANCE < minW || region.getHeight() + TOLERANCE < minH) {
            add("squeezed below its minimum size", region, fmt(region.getWidth()) + "×" + fmt(region.getHeight())
                    + " px, needs " + fmt(minW) + "×" + fmt(minH));
            return true;
        }
        return false;
    }

    private void add(String kind, Node node, String detail) {
        problems.add(new Problem(kind, describe(node) + where(node), detail));
    }

    /** Class, id, style classes and (for labeled controls) text: enough to find the node in the view's code. */
    static String describe(Node node) {
        Class<?> type = node.getClass();
        while (type.getSimpleName().isEmpty()) {   // an anonymous subclass: name what it extends
            type = type.getSuperclass();
        }
        StringBuilder s = new StringBuilder(type.getSimpleName());
        if (node.getId() != null) {
            s.append('#').append(node.getId());
        }
        node.getStyleClass().forEach(c -> s.append('.').append(c));
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            String t = l.getText().replace('\n', ' ');
            s.append(" '").append(t.length() > 80 ? t.substring(0, 80) + "…" : t).append('\'');
        }
        return s.toString();
    }

    /** The nearest ancestors with an id, outermost first ({@code in #page-safety > #safety-tabs}). */
    private static String where(Node node) {
        List<String> ids = new ArrayList<>();
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n.getId() != null) {
                ids.addFirst("#" + n.getId());
            }
        }
        return ids.isEmpty() ? "" : " in " + String.join(" > ", ids);
    }

    private static String span(Bounds b) {
        return "x " + fmt(b.getMinX()) + ".." + fmt(b.getMaxX()) + ", y " + fmt(b.getMinY()) + ".." + fmt(b.getMaxY());
    }

    private static String fmt(double v) {
        return String.valueOf(Math.round(v));
    }
}
