package io.inferdeck.services.about;

import io.inferdeck.common.plugin.PluginEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the About dialog shows: the {@link VersionFacts}, the folders InferDeck keeps its files in, and the
 * plugin list as this process loaded it. Immutable.
 */
public record AboutInfo(VersionFacts version, List<Folder> folders, List<PluginEntry> plugins) {
    /** A folder with what it holds ("Data", "Config", ...). */
    public record Folder(String label, Path path) {
        public Folder {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(path, "path");
        }
    }

    public AboutInfo {
        Objects.requireNonNull(version, "version");
        folders = List.copyOf(folders);
        plugins = List.copyOf(plugins);
    }
}
