package io.inferdeck.control.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The operator's saved profiles: one file per profile in a directory (normally
 * {@code $XDG_CONFIG_HOME/inferdeck/profiles}). Listing never drops a file: one that does not parse is
 * listed with its error so the picker can say why it cannot be used. Blocking file IO: call it off the
 * FX thread. Thread-safe as far as the file system is; saves are atomic ({@link ProfileFiles#save}).
 */
public final class ProfileLibrary {

    /** A profile file; exactly one of {@code profile} and {@code error} is non-null. */
    public record Entry(String name, Path file, DeploymentProfile profile, String error) {
        public boolean usable() {
            return profile != null;
        }
    }

    private final Path dir;

    public ProfileLibrary(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Every .json/.yaml/.yml file, sorted by name; an absent directory is an empty library. */
    public List<Entry> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(ProfileLibrary::isProfileFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                String name = stem(f);
                try {
                    DeploymentProfile p = ProfileFiles.load(f);
                    entries.add(new Entry(p.name() == null || p.name().isBlank() ? name : p.name(), f, p, null));
                } catch (ProfileException e) {
                    entries.add(new Entry(name, f, null, e.getMessage()));
                } catch (IOException e) {
                    entries.add(new Entry(name, f, null, "cannot read: " + e.getMessage()));
                }
            }
        }
        return List.copyOf(entries);
    }

    /** Saves under a file name derived from the profile's name (replacing a profile of that name). */
    public Path save(DeploymentProfile profile) throws IOException, ProfileException {
        Path file = dir.resolve(fileNameFor(profile.name()) + ".json");
        ProfileFiles.save(profile, file);
        return file;
    }

    /** Lower-case letters, digits, '-', '_' and '.'; anything else becomes '-' (no path tricks). */
    static String fileNameFor(String name) {
        String base = name == null || name.isBlank() ? "profile" : name.strip().toLowerCase(Locale.ROOT);
        String safe = base.replaceAll("[^a-z0-9._-]", "-").replaceAll("^\\.+", "");
        return safe.isEmpty() ? "profile" : safe;
    }

    private static boolean isProfileFile(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(f) && !n.startsWith(".") && (n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml"));
    }

    private static String stem(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
