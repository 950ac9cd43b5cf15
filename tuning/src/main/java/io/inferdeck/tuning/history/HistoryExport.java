package io.inferdeck.tuning.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Exports runs, atomically. CSV: one row per run, fixed columns then one column per figure (union over the
 * runs, first-seen order; empty = not available), RFC 4180 quoting. JSON: an array of run objects with
 * the profile, figures and result embedded as JSON where they parse, as text otherwise.
 */
public final class HistoryExport {
    private static final List<String> FIXED = List.of("id", "kind", "label", "status", "started_at", "finished_at",
            "engine_version", "hardware", "note", "profile_json");

    private HistoryExport() {
    }

    public static void csv(List<RunRecord> runs, Path file) throws IOException {
        Set<String> figures = new LinkedHashSet<>();
        runs.forEach(r -> figures.addAll(r.figures().keySet()));
        StringBuilder sb = new StringBuilder();
        List<String> header = new java.util.ArrayList<>(FIXED);
        header.addAll(figures);
        line(sb, header);
        for (RunRecord r : runs) {
            List<String> cells = new java.util.ArrayList<>(List.of(Long.toString(r.id()), r.kind(), nz(r.label()),
                    r.status().db(), r.startedAt().toString(), r.finishedAt().map(Object::toString).orElse(""),
                    nz(r.engineVersion()), nz(r.hardware()), nz(r.note()), nz(r.profileJson())));
            for (String f : figures) {
                double v = r.figures().getOrDefault(f, Double.NaN);
                cells.add(Double.isFinite(v) ? (v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                        : String.format(Locale.ROOT, "%s", v)) : "");
            }
            line(sb, cells);
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static void json(List<RunRecord> runs, Path file) throws IOException {
        ArrayNode arr = FiguresCodec.JSON.createArrayNode();
        for (RunRecord r : runs) {
            ObjectNode o = arr.addObject();
            o.put("id", r.id()).put("kind", r.kind()).put("label", r.label()).put("status", r.status().db())
                    .put("started_at", r.startedAt().toString()).put("finished_at", r.finishedAt().map(Object::toString).orElse(null))
                    .put("engine_version", r.engineVersion()).put("hardware", r.hardware()).put("note", r.note());
            o.set("profile", embed(r.profileJson()));
            o.set("figures", FiguresCodec.JSON.readTree(FiguresCodec.toJson(r.figures())));
            o.set("result", embed(r.resultJson().orElse(null)));
        }
        AtomicFiles.write(file, FiguresCodec.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(arr));
    }

    private static JsonNode embed(String text) {
        if (text == null) {
            return FiguresCodec.JSON.nullNode();
        }
        try {
            return FiguresCodec.JSON.readTree(text);
        } catch (IOException e) {
            return FiguresCodec.JSON.getNodeFactory().textNode(text);
        }
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(',');
            String c = cells.get(i);
            sb.append(c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")
                    ? '"' + c.replace("\"", "\"\"") + '"' : c);
        }
        sb.append("\r\n");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
