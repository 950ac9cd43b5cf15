package io.inferdeck.control.supervisor;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** Copies a process's merged stdout/stderr into a {@link LogRing} and a log file, line by line. */
final class LogPump {
    private LogPump() {
    }

    /** @return completes once the output reached its end (every line is in {@code ring}) */
    static CompletableFuture<Void> start(Process p, LogRing ring, Path file) {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                pump(p, ring, file);
            } finally {
                drained.complete(null);
            }
        }, "engine-log-" + p.pid());
        t.setDaemon(true);
        t.start();
        return drained;
    }

    private static void pump(Process p, LogRing ring, Path file) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                ring.add(line);
                out.write(line);
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            ring.add("[inferdeck] log capture ended: " + e.getMessage());
        }
    }
}
