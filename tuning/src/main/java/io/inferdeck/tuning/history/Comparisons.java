package io.inferdeck.tuning.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Builds a {@link RunComparison}: figure deltas and the profile settings that differ. */
final class Comparisons {
    private Comparisons() {
    }

    static RunComparison of(RunRecord a, RunRecord b) {
        Set<String> names = new LinkedHashSet<>(a.figures().keySet());
        names.addAll(b.figures().keySet());
        List<RunComparison.Row> rows = new ArrayList<>();
        for (String n : names) {
            double x = a.figures().getOrDefault(n, Double.NaN);
            double y = b.figures().getOrDefault(n, Double.NaN);
            rows.add(new RunComparison.Row(n, x, y, y - x, x != 0 ? y / x : Double.NaN));
        }
        Map<String, String> pa = flatten(a.profileJson());
        Map<String, String> pb = flatten(b.profileJson());
        Set<String> paths = new LinkedHashSet<>(pa.keySet());
        paths.addAll(pb.keySet());
        List<RunComparison.SettingDiff> diffs = new ArrayList<>();
        for (String p : paths) {
            if (!Objects.equals(pa.get(p), pb.get(p))) {
                diffs.add(new RunComparison.SettingDiff(p, pa.get(p), pb.get(p)));
            }
        }
        return new RunComparison(a, b, rows, diffs);
    }

    /** JSON → path → scalar text ({@code a.b[2].c}); non-JSON text becomes the single path "profile". */
    static Map<String, String> flatten(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        try {
            walk("", FiguresCodec.JSON.readTree(json), out);
        } catch (Exception e) {
            out.put("profile", json);
        }
        return out;
    }

    private static void walk(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", node.get(i), out);
            }
        } else {
            out.put(path, node.isNull() ? null : node.asText());
        }
    }
}
