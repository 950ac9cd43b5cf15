package io.inferdeck.views.shell;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

/**
 * The main window's content: navigation on the left, the current section's page in the middle,
 * the status bar at the bottom. Pages are created on first visit and kept, so a view keeps its
 * state while the user looks elsewhere.
 */
public final class ShellView extends BorderPane {

    /** Toggles light/dark from anywhere in the window. */
    public static final KeyCombination TOGGLE_THEME =
            new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private final ShellViewModel viewModel;
    private final Map<Section, Supplier<? extends Node>> pageFactories;
    private final Map<Section, Node> pages = new EnumMap<>(Section.class);
    private final StackPane content = new StackPane();

    /** @param pageFactories one factory per section; called on the FX thread, at most once each */
    public ShellView(ShellViewModel viewModel, Map<Section, Supplier<? extends Node>> pageFactories) {
        this(viewModel, pageFactories, null);
    }

    /** @param about opens the About window (FX thread); null = the navigation has no About item */
    public ShellView(ShellViewModel viewModel, Map<Section, Supplier<? extends Node>> pageFactories, Runnable about) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.pageFactories = Map.copyOf(pageFactories);
        for (Section section : Section.values()) {
            if (!this.pageFactories.containsKey(section)) {
                throw new IllegalArgumentException("no page for section " + section);
            }
        }
        getStyleClass().add("shell");
        content.getStyleClass().add("content-area");
        content.setId("content");
        setLeft(new NavBar(viewModel, about));
        setCenter(content);
        setBottom(new StatusBar(viewModel));
        viewModel.sectionProperty().addListener((obs, old, now) -> show(now));
        show(viewModel.getSection());
    }

    /** Closes the window (and with it the console). */
    public static final KeyCombination QUIT = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);

    /** Window-wide shortcuts: Ctrl+1, Ctrl+2… for the sections in navigation order, Ctrl+Shift+L for the theme, Ctrl+Q runs {@code quit}. */
    public void installShortcuts(Scene scene, Runnable quit) {
        scene.getAccelerators().put(TOGGLE_THEME, viewModel::toggleTheme);
        scene.getAccelerators().put(QUIT, quit);
        for (Section section : Section.values()) {
            scene.getAccelerators().put(
                    new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (section.ordinal() + 1)), KeyCombination.SHORTCUT_DOWN),
                    () -> viewModel.select(section));
        }
    }

    private void show(Section section) {
        Node page = pages.computeIfAbsent(section, s -> pageFactories.get(s).get());
        content.getChildren().setAll(page);
    }
}
