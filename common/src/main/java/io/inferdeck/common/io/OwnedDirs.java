package io.inferdeck.common.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Temp folders that name the process owning them, so the next process of the same kind can remove the
 * folders of owners that died without cleaning up (SIGKILL, native crash): a runner's natives and model
 * snapshot, an {@code up}'s engine logs. The owner is its pid plus its start time ({@link ProcessHandle.Info}),
 * so a reused pid does not keep a dead owner's folder alive. A folder without the owner file (being created,
 * or from an older version) is left alone. Thread-safe; best effort: a folder that cannot be removed stays.
 */
public final class OwnedDirs {
    static final String OWNER_FILE = ".inferdeck-owner";

    private OwnedDirs() {
    }

    /** A new folder {@code parent/prefix*} owned by this process, after removing the ones whose owner is gone. */
    public static Path create(Path parent, String prefix) throws IOException {
        sweep(parent, prefix);
        Path dir = Files.createTempDirectory(parent, prefix);
        Files.writeString(dir.resolve(OWNER_FILE), ownerLine(ProcessHandle.current()), StandardCharsets.UTF_8);
        return dir;
    }

    /** {@link #create(Path, String)} in {@code java.io.tmpdir}. */
    public static Path create(String prefix) throws IOException {
        return create(Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }

    /** Removes every {@code parent/prefix*} folder whose owner process is no longer running; returns how many. */
    public static int sweep(Path parent, String prefix) {
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && ownerGone(dir) && delete(dir)) {
                    removed++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // an unreadable temp folder: nothing to sweep
        }
        return removed;
    }

    static String ownerLine(ProcessHandle p) {
        return p.pid() + " " + p.info().startInstant().map(Instant::toString).orElse("-") + "\n";
    }

    private static boolean ownerGone(Path dir) {
        Path file = dir.resolve(OWNER_FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
            Optional<ProcessHandle> owner = ProcessHandle.of(Long.parseLong(parts[0])).filter(ProcessHandle::isAlive);
            return owner.isEmpty() || !ownerLine(owner.get()).strip().equals(String.join(" ", parts));
        } catch (IOException | RuntimeException e) {
            return false;   // unreadable or foreign: not ours to judge
        }
    }

    /** Removes {@code dir} and everything in it (links are removed, not followed); whether it is gone. */
    public static boolean delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
        return !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
    }
}
