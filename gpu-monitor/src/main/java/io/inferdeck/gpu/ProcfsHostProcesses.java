package io.inferdeck.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Linux /proc: the command line from {@code /proc/<pid>/cmdline} (NUL-separated arguments joined with
 * spaces), else the name from {@code /proc/<pid>/comm} in brackets, as ps shows it (cmdline is empty
 * for kernel threads and zombies); the user is the owner of {@code /proc/<pid>}, i.e. the process's
 * real uid, resolved to a name by the JDK. NVML reports host pids, so inside a container with its own
 * pid namespace the lookup finds nothing (or, rarely, an unrelated local process with the same pid).
 * Stateless and thread-safe; commands are cut at {@value #MAX_COMMAND} characters.
 */
public final class ProcfsHostProcesses implements HostProcesses {

    static final int MAX_COMMAND = 512;

    private final Path proc;

    public ProcfsHostProcesses() {
        this(Path.of("/proc"));
    }

    ProcfsHostProcesses(Path proc) {
        this.proc = proc;
    }

    @Override
    public Optional<Details> describe(long pid) {
        Path dir = proc.resolve(Long.toString(pid));
        try {
            String user = Files.getOwner(dir).getName();
            return Optional.of(new Details(command(dir), user));
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return Optional.empty();   // gone, or not ours to read: the card says so
        }
    }

    private static String command(Path dir) {
        String line = read(dir.resolve("cmdline")).replace('\0', ' ').strip();
        if (line.isEmpty()) {
            String name = read(dir.resolve("comm")).strip();
            line = name.isEmpty() ? null : "[" + name + "]";
        }
        return line == null || line.length() <= MAX_COMMAND ? line : line.substring(0, MAX_COMMAND - 1) + "…";
    }

    /** Empty when unreadable (another user's process under hidepid, or it just exited). */
    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return "";
        }
    }
}
