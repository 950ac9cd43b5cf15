package io.inferdeck.common.plugin;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where plugins live: the jars in {@code folder} ({@code $XDG_DATA_HOME/inferdeck/plugins}, else
 * {@code ~/.local/share/inferdeck/plugins}) and the names of the disabled ones in {@code disabledFile}
 * ({@code $XDG_CONFIG_HOME/inferdeck/disabled-plugins}, else under {@code ~/.config}). A relative or empty XDG
 * variable is ignored, per the XDG base-directory spec. The system property {@value #FOLDER_PROPERTY} names
 * another folder (the build points it at an empty one, so tests never load a developer's plugins).
 */
public record PluginDirs(Path folder, Path disabledFile) {
    public static final String FOLDER_PROPERTY = "inferdeck.plugins.dir";

    public static PluginDirs fromEnvironment() {
        return resolve(System.getenv(), System.getProperty("user.home"), System.getProperty(FOLDER_PROPERTY));
    }

    /** Pure resolution, for tests; {@code folderOverride} null = none. */
    public static PluginDirs resolve(Map<String, String> env, String userHome, String folderOverride) {
        Path data = xdg(env, "XDG_DATA_HOME", Path.of(userHome, ".local", "share"));
        Path config = xdg(env, "XDG_CONFIG_HOME", Path.of(userHome, ".config"));
        Path folder = folderOverride != null && !folderOverride.isBlank() ? Path.of(folderOverride)
                : data.resolve("inferdeck").resolve("plugins");
        return new PluginDirs(folder, config.resolve("inferdeck").resolve("disabled-plugins"));
    }

    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        return v != null && !v.isBlank() && Path.of(v).isAbsolute() ? Path.of(v) : fallback;
    }
}
