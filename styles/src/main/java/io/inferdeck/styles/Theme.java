package io.inferdeck.styles;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's themes and the stylesheets that make them, in cascade order: palette, semantic
 * tokens (the only per-theme file), .root looked-up colours, then one file per component.
 * A scene gets exactly {@link #stylesheets()} on top of the base (AtlantaFX) user-agent theme.
 *
 * <p>Plain Java on purpose: it only names resources, so it can be used and tested without JavaFX.
 */
public enum Theme {
    LIGHT("Light", false, "tokens-light.css"),
    DARK("Dark", true, "tokens-dark.css");

    /** Component stylesheets, relative to this package; order matters only within a file. */
    static final List<String> COMPONENTS = List.of(
            "components/icons.css",
            "components/nav.css",
            "components/status-bar.css",
            "components/page.css",
            "components/cards.css",
            "components/empty-state.css",
            "components/charts.css",
            "components/engine.css",
            "components/safety.css",
            "components/playground.css",
            "components/dashboard.css",
            "components/tuning.css",
            "components/traffic.css", "components/models.css", "components/keys.css", "components/about.css",
            "components/fleet.css");

    private final String displayName;
    private final boolean dark;
    private final String tokens;

    Theme(String displayName, boolean dark, String tokens) {
        this.displayName = displayName;
        this.dark = dark;
        this.tokens = tokens;
    }

    public String displayName() {
        return displayName;
    }

    public boolean isDark() {
        return dark;
    }

    /** The other theme: what a light/dark toggle switches to. */
    public Theme toggled() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** Stable identifier for settings files ("light", "dark"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}; empty for null or unknown values (e.g. a hand-edited settings file). */
    public static Optional<Theme> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        for (Theme theme : values()) {
            if (theme.id().equalsIgnoreCase(id.trim())) {
                return Optional.of(theme);
            }
        }
        return Optional.empty();
    }

    /** Resource names relative to this package, in cascade order. */
    public List<String> stylesheetNames() {
        List<String> names = new ArrayList<>();
        names.add("palette.css");
        names.add(tokens);
        names.add("root.css");
        names.addAll(COMPONENTS);
        return List.copyOf(names);
    }

    /**
     * Stylesheet URLs (external form, as {@code Scene.getStylesheets()} wants them), in cascade order.
     *
     * @throws IllegalStateException if a stylesheet is missing from the class path (a packaging bug)
     */
    public List<String> stylesheets() {
        return stylesheetNames().stream().map(Theme::resource).map(URL::toExternalForm).toList();
    }

    static URL resource(String name) {
        URL url = Theme.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("stylesheet missing from class path: io/inferdeck/styles/" + name);
        }
        return url;
    }
}
