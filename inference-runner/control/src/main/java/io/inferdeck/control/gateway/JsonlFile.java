package io.inferdeck.control.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An append-only JSON-lines file rotated by size: when the next line would take it past {@code maxBytes}
 * it becomes {@code NAME.1} (the older {@code NAME.1} becomes {@code NAME.2}, and so on up to {@code keep};
 * the oldest is dropped). Lines are plain appends (a log, not a document saved whole, so no atomic
 * replace). Thread-safe: appends are serialised. An I/O error is kept in {@link #lastError()} and the
 * next append tries again.
 */
public final class JsonlFile implements AutoCloseable {
    private final Path path;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long size;
    private volatile Optional<IOException> lastError = Optional.empty();

    public JsonlFile(Path path, long maxBytes, int keep) {
        if (maxBytes <= 0 || keep < 1) {
            throw new IllegalArgumentException("maxBytes must be positive and keep at least 1");
        }
        this.path = path;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    public synchronized void append(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (out == null) {
                open();
            }
            if (size > 0 && size + bytes.length > maxBytes) {
                rotate();
            }
            out.write(bytes);
            out.flush();
            size += bytes.length;
            lastError = Optional.empty();
        } catch (IOException e) {
            lastError = Optional.of(e);
            closeQuietly();
        }
    }

    public Optional<IOException> lastError() {
        return lastError;
    }

    private void open() throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(path);
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        Files.deleteIfExists(rotated(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(rotated(i))) {
                Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(path, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path rotated(int i) {
        return path.resolveSibling(path.getFileName() + "." + i);
    }

    private void closeQuietly() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // the stream is dropped either way; the next append reopens it
        }
        out = null;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
