package io.inferdeck.app.settings;

import java.nio.file.Path;
import java.util.Map;

/** Where the console keeps its configuration: {@code $XDG_CONFIG_HOME/inferdeck}, else {@code ~/.config/inferdeck}. */
public final class ConfigDirs {

    static final String APP_DIR = "inferdeck";

    private ConfigDirs() {
    }

    /** The config dir for this process's environment. */
    public static Path fromEnvironment() {
        return resolve(System.getenv(), System.getProperty("user.home"));
    }

    /**
     * Pure resolution, for tests. Per the XDG base-directory spec a relative or empty
     * {@code XDG_CONFIG_HOME} is ignored.
     */
    public static Path resolve(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, APP_DIR);
        }
        return Path.of(userHome, ".config", APP_DIR);
    }
}
