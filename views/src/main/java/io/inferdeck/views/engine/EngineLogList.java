package io.inferdeck.views.engine;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The engine log as a virtualized list (only visible rows are nodes, whatever the tail length) that
 * follows its tail whenever the lines change. Lines can be selected and copied (Ctrl+C, context menu).
 * The scroll happens in the next layout: the skin resets the position when it sees the items replaced,
 * after any listener registered here has run.
 */
final class EngineLogList extends ListView<String> {
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    /** Layout passes that still scroll to the end: two, because a horizontal scrollbar that appears with a long
     *  new line shrinks the viewport only in the pass after the first scroll. */
    private int followPasses = 2;

    private EngineLogList(ObservableList<String> lines) {
        super(lines);
        lines.addListener((ListChangeListener<String>) c -> {
            followPasses = 2;
            requestLayout();
        });
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (followPasses > 0 && !getItems().isEmpty()) {
            followPasses--;
            scrollTo(getItems().size() - 1);
            if (followPasses > 0) {
                requestLayout();
            }
        }
    }

    static ListView<String> build(ObservableList<String> lines) {
        ListView<String> log = new EngineLogList(lines);
        log.setId("engine-log");
        log.getStyleClass().addAll("engine-text", "engine-log");
        log.setPrefHeight(260);
        log.setMinHeight(120);
        log.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        log.setOnKeyPressed(e -> {
            if (COPY.match(e)) {
                copy(log.getSelectionModel().getSelectedItems());
                e.consume();
            }
        });
        MenuItem copySelected = new MenuItem("Copy selected lines");
        copySelected.setOnAction(e -> copy(log.getSelectionModel().getSelectedItems()));
        MenuItem copyAll = new MenuItem("Copy all shown lines");
        copyAll.setOnAction(e -> copy(lines));
        log.setContextMenu(new ContextMenu(copySelected, copyAll));
        return log;
    }

    private static void copy(List<String> lines) {
        ClipboardContent content = new ClipboardContent();
        content.putString(String.join("\n", lines));
        Clipboard.getSystemClipboard().setContent(content);
    }
}
