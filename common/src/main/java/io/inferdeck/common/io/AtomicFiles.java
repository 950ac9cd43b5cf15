package io.inferdeck.common.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one way InferDeck saves a file: write a temp file in the target's folder, fsync it, rename it over
 * the target, then fsync the folder (best effort). A reader, or a crash at any point, sees the old
 * content or the whole new one, never a torn file; the temp file is removed when writing fails.
 * The temp file is made by {@link Files#createTempFile}, so on POSIX a saved file is owner-only
 * (rw-------): profiles and settings may hold API keys.
 * Thread-safe (no shared state); two concurrent writers of one target leave one of the two whole files.
 */
public final class AtomicFiles {

    /** Writes the whole new content into {@code temp}, a fresh empty file beside the target. */
    @FunctionalInterface
    public interface Writer {
        void write(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    public static Path write(Path target, byte[] content) throws IOException {
        return write(target, temp -> Files.write(temp, content));
    }

    public static Path writeString(Path target, String content) throws IOException {
        return write(target, temp -> Files.writeString(temp, content));
    }

    /** @return the target path */
    public static Path write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            writer.write(temp);
            fsync(temp, false);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            fsync(dir, true);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Folders cannot be opened for sync on every platform: a folder fsync is best effort, a file fsync is not. */
    private static void fsync(Path path, boolean directory) throws IOException {
        try (FileChannel ch = FileChannel.open(path, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw e;
            }
        }
    }
}
