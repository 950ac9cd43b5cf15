package io.inferdeck.common.plugin;

import io.inferdeck.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The disabled plugins' names, one per line in a small text file ({@link PluginDirs#disabledFile()}); lines
 * starting with {@code #} and blank lines are ignored. Saved with {@link AtomicFiles}, so a crash or a
 * concurrent reader never sees half a list. No file = nothing disabled.
 */
public final class DisabledPlugins {
    private static final String HEADER = "# Plugins InferDeck does not load, one name per line ('inferdeck plugins enable NAME').\n";

    private DisabledPlugins() {
    }

    public static Set<String> read(Path file) throws IOException {
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (NoSuchFileException e) {
            return Set.of();
        }
    }

    /** Adds ({@code disabled} true) or removes {@code name}; returns the set as saved. */
    public static Set<String> set(Path file, String name, boolean disabled) throws IOException {
        Set<String> names = new TreeSet<>(read(file));
        if (disabled) {
            names.add(name);
        } else {
            names.remove(name);
        }
        AtomicFiles.writeString(file, HEADER + names.stream().map(n -> n + "\n").collect(Collectors.joining()));
        return Set.copyOf(names);
    }
}
