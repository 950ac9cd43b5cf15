package io.inferdeck.control.launch;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds external engine binaries the way a shell would: a value with a path separator is taken
 * as a file, a bare name is looked up on PATH. The PATH string is injected so tests need not
 * change the environment. Thread-safe (immutable).
 */
public final class BinaryResolver {
    private final List<Path> searchPath;

    public BinaryResolver(String pathVariable) {
        List<Path> dirs = new ArrayList<>();
        for (String entry : (pathVariable == null ? "" : pathVariable).split(File.pathSeparator)) {
            try {
                if (!entry.isBlank()) {
                    dirs.add(Path.of(entry));
                }
            } catch (InvalidPathException ignored) {
                // a garbage PATH entry cannot hold our binary; skip it like a shell would
            }
        }
        this.searchPath = List.copyOf(dirs);
    }

    public static BinaryResolver fromEnvironment() {
        return new BinaryResolver(System.getenv("PATH"));
    }

    /** First executable regular file called {@code name} on the search path. */
    public Optional<Path> find(String name) {
        return searchPath.stream().map(dir -> dir.resolve(name)).filter(BinaryResolver::runnable).findFirst();
    }

    /**
     * @param configured the profile's {@code binary} (may be null)
     * @param defaultName what to look for on PATH when nothing is configured
     * @throws LaunchException saying what was looked for, where, and how to fix it
     */
    public Path resolve(String configured, String defaultName) throws LaunchException {
        if (configured != null && (configured.contains("/") || configured.contains(File.separator))) {
            Path file = Path.of(configured);
            if (!Files.exists(file)) {
                throw new LaunchException(defaultName + " binary " + configured + " (profile field 'binary') does not exist");
            }
            if (!runnable(file)) {
                throw new LaunchException(defaultName + " binary " + configured + " (profile field 'binary') is not an executable file");
            }
            return file;
        }
        String name = configured != null ? configured : defaultName;
        return find(name).orElseThrow(() -> new LaunchException(name + " not found on PATH (searched: "
                + (searchPath.isEmpty() ? "nothing, PATH is empty" : searchPath) + "). Install it or set 'binary' "
                + "in the profile to its full path."));
    }

    private static boolean runnable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
