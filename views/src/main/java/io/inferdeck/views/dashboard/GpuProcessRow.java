package io.inferdeck.views.dashboard;

import io.inferdeck.gpu.GpuProcess;
import java.util.Locale;

/**
 * One line of a GPU card's process list, as text: who holds the GPU and how much of it.
 *
 * @param command command line, "" when the OS does not show it (another pid namespace, gone)
 * @param user    owner, "" likewise
 * @param engine  the deployment's name when the console started this process, else ""
 */
public record GpuProcessRow(long pid, String command, String user, String memory, String engine) {

    private static final double GIB = 1024.0 * 1024 * 1024;

    static GpuProcessRow of(GpuProcess p) {
        return new GpuProcessRow(p.pid(),
                p.command() == null ? "" : p.command(),
                p.user() == null ? "" : p.user(),
                p.usedMemoryBytes() == null ? "n/a" : String.format(Locale.ROOT, "%.1f GiB", p.usedMemoryBytes() / GIB),
                p.engineName() == null ? "" : p.engineName());
    }

    public boolean isEngine() {
        return !engine.isEmpty();
    }

    /** One line for the card: engine marker and deployment first, then what is known. */
    public String summary() {
        StringBuilder s = new StringBuilder(isEngine() ? "▶ " + engine + " · " : "");
        s.append("pid ").append(pid).append(" · ").append(memory);
        if (!command.isEmpty()) {
            s.append(" · ").append(program());
        }
        if (!user.isEmpty()) {
            s.append(" · ").append(user);
        }
        return s.toString();
    }

    /** The short program name: the first word's last path segment ("/usr/bin/python3 -m x" -> "python3"). */
    public String program() {
        String first = command.startsWith("[") ? command : command.split(" ", 2)[0];
        int slash = first.lastIndexOf('/');
        return slash >= 0 && slash < first.length() - 1 ? first.substring(slash + 1) : first;
    }
}
