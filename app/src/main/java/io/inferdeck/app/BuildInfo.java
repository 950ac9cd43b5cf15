package io.inferdeck.app;

import io.inferdeck.common.plugin.PluginDirs;
import io.inferdeck.common.plugin.PluginEntry;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.runner.LlamaBuild;
import io.inferdeck.services.about.AboutInfo;
import io.inferdeck.services.about.VersionFacts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * This installation's facts, gathered once for {@code --version} and the About dialog: version and git commit
 * from {@code io/inferdeck/app/build-info.properties} (written by the build: app/pom.xml), the llama.cpp build
 * from de.kherud's jar ({@link LlamaBuild}), the Java runtime, and the folders InferDeck keeps files in.
 */
public final class BuildInfo {
    static final String RESOURCE = "/io/inferdeck/app/build-info.properties";

    private BuildInfo() {
    }

    public static VersionFacts version() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            p.clear();   // an unreadable resource reads as unknown, like a missing one
        }
        return new VersionFacts(p.getProperty("version", "unknown"), p.getProperty("commit", "unknown"),
                LlamaBuild.bundled(BuildInfo.class.getClassLoader()).describe(), VersionFacts.thisJavaRuntime());
    }

    /**
     * @param configDir the console's config folder
     * @param env       locates the data folder ($XDG_DATA_HOME)
     */
    static AboutInfo about(Path configDir, Map<String, String> env, List<PluginEntry> plugins) {
        Path data = ModelLibrary.dataDir(env);
        return new AboutInfo(version(), List.of(
                new AboutInfo.Folder("Data (models, keys, review queue)", data),
                new AboutInfo.Folder("Config (settings, profiles)", configDir),
                new AboutInfo.Folder("Logs (engine output)", EngineWiring.workDir(env)),
                new AboutInfo.Folder("Plugins", PluginDirs.fromEnvironment().folder())), plugins);
    }
}
