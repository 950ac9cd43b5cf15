package io.inferdeck.gpu.format;

import io.inferdeck.gpu.GpuProcess;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plain-text rendering of a snapshot for terminals and logs: a status line, one row per GPU,
 * then one row per process. ASCII only; "n/a" for unavailable values; columns sized to content.
 */
public final class GpuTable {

    private static final String NA = "n/a";
    private static final double GIB = 1L << 30;
    private static final double MIB = 1L << 20;

    private GpuTable() {
    }

    public static String format(GpuSnapshot snapshot) {
        StringBuilder out = new StringBuilder();
        out.append(snapshot.state().message()).append("   (").append(snapshot.at()).append(")\n");
        if (snapshot.gpus().isEmpty()) {
            return out.toString();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"GPU", "NAME", "MEMORY USED / TOTAL", "MEM%", "UTIL", "MEM UTIL", "TEMP",
                "POWER / LIMIT", "SM CLOCK", "BUS ID"});
        List<String[]> processes = new ArrayList<>();
        processes.add(new String[] {"GPU", "PID", "GPU MEMORY", "ENGINE"});
        for (GpuReading r : snapshot.gpus()) {
            rows.add(row(r));
            if (r.processes() != null && !r.lost()) {
                for (GpuProcess p : r.processes()) {
                    processes.add(new String[] {String.valueOf(r.index()), String.valueOf(p.pid()),
                            bytes(p.usedMemoryBytes()), p.engineName() == null ? "-" : p.engineName()});
                }
            }
        }
        out.append('\n');
        render(rows, out, new boolean[] {true, false, true, true, true, true, true, true, true, false});
        if (processes.size() > 1) {
            out.append('\n');
            render(processes, out, new boolean[] {true, true, true, false});
        }
        return out.toString();
    }

    private static String[] row(GpuReading r) {
        String name = r.name() == null ? NA : r.name();
        if (r.lost()) {
            return new String[] {String.valueOf(r.index()), name, "LOST: fell off the bus, needs a reset", "", "", "",
                    "", "", "", text(r.pciBusId())};
        }
        return new String[] {
            String.valueOf(r.index()), name, memory(r), share(r.memoryUsedBytes(), r.memoryTotalBytes()),
            percent(r.gpuUtilizationPercent()), percent(r.memoryUtilizationPercent()),
            r.temperatureCelsius() == null ? NA : r.temperatureCelsius() + " C",
            power(r), r.smClockMhz() == null ? NA : r.smClockMhz() + " MHz", text(r.pciBusId())};
    }

    /** Pads every column to its widest cell; numbers right-aligned, text (and the LOST note) left. */
    private static void render(List<String[]> rows, StringBuilder out, boolean[] rightAligned) {
        int[] width = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                boolean right = r > 0 && rightAligned[c] && !row[c].startsWith("LOST");
                String cell = right ? " ".repeat(width[c] - row[c].length()) + row[c]
                        : row[c] + " ".repeat(width[c] - row[c].length());
                line.append(c == 0 ? "" : "  ").append(cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String memory(GpuReading r) {
        if (r.memoryTotalBytes() == null) {
            return r.memoryUsedBytes() == null ? NA : bytes(r.memoryUsedBytes()) + " / " + NA;
        }
        boolean gib = r.memoryTotalBytes() >= GIB;
        String used = r.memoryUsedBytes() == null ? NA : number(r.memoryUsedBytes(), gib);
        return used + " / " + number(r.memoryTotalBytes(), gib) + (gib ? " GiB" : " MiB");
    }

    private static String number(long bytes, boolean gib) {
        return gib ? String.format(Locale.ROOT, "%.1f", bytes / GIB) : String.format(Locale.ROOT, "%.0f", bytes / MIB);
    }

    static String bytes(Long bytes) {
        if (bytes == null) {
            return NA;
        }
        return bytes >= GIB ? String.format(Locale.ROOT, "%.1f GiB", bytes / GIB)
                : String.format(Locale.ROOT, "%.0f MiB", bytes / MIB);
    }

    private static String share(Long used, Long total) {
        return used == null || total == null || total == 0 ? NA
                : String.format(Locale.ROOT, "%.0f%%", 100.0 * used / total);
    }

    private static String percent(Integer p) {
        return p == null ? NA : p + "%";
    }

    private static String power(GpuReading r) {
        String draw = r.powerMilliwatts() == null ? NA : String.format(Locale.ROOT, "%.0f", r.powerMilliwatts() / 1000.0);
        String limit = r.powerLimitMilliwatts() == null ? NA
                : String.format(Locale.ROOT, "%.0f", r.powerLimitMilliwatts() / 1000.0);
        return draw.equals(NA) && limit.equals(NA) ? NA : draw + " / " + limit + " W";
    }

    private static String text(String s) {
        return s == null ? NA : s;
    }
}
