package io.inferdeck.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.inferdeck.styles.Theme;
import javafx.application.Application;
import javafx.scene.Scene;

/**
 * Puts a {@link Theme} on screen: the AtlantaFX Primer base as user-agent stylesheet (stock controls),
 * then our layered stylesheets on the scene. FX thread only.
 */
final class ThemeApplier {

    private static final String LIGHT_BASE = new PrimerLight().getUserAgentStylesheet();
    private static final String DARK_BASE = new PrimerDark().getUserAgentStylesheet();

    private ThemeApplier() {
    }

    static void apply(Scene scene, Theme theme) {
        Application.setUserAgentStylesheet(baseStylesheet(theme));
        scene.getStylesheets().setAll(theme.stylesheets());
    }

    static String baseStylesheet(Theme theme) {
        return theme.isDark() ? DARK_BASE : LIGHT_BASE;
    }
}
