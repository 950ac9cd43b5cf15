package io.inferdeck.views.dashboard;

import io.inferdeck.gpu.GpuProcess;
import java.util.Locale;

/**
 * One line of a GPU card's process list, as text: who holds the GPU and how much of it.
 *
 * @param engine the deployment's name when the console started this process, else ""
 */
public record GpuProcessRow(long pid, String command, String user, String memory, String engine) {

    private static final double GIB = 1024.0 * 1024 * 1024;

    static GpuProcessRow of(GpuProcess p) {
        return new GpuProcessRow(p.pid(),
                p.command() == null ? "(not visible here)" : p.command(),
                p.user() == null ? "?" : p.user(),
                p.usedMemoryBytes() == null ? "n/a" : String.format(Locale.ROOT, "%.1f GiB", p.usedMemoryBytes() / GIB),
                p.engineName() == null ? "" : p.engineName());
    }

    public boolean isEngine() {
        return !engine.isEmpty();
    }

    /** The short program name: the first word's last path segment ("/usr/bin/python3 -m x" -> "python3"). */
    public String program() {
        String first = command.startsWith("(") ? command : command.split(" ", 2)[0];
        int slash = first.lastIndexOf('/');
        return slash >= 0 && slash < first.length() - 1 ? first.substring(slash + 1) : first;
    }
}
