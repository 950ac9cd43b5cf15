package io.inferdeck.tuning.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Figures ⇄ JSON object text, order kept; NaN/infinite ("not available") is stored as null. */
final class FiguresCodec {
    static final ObjectMapper JSON = new ObjectMapper();

    private FiguresCodec() {
    }

    static String toJson(Map<String, Double> figures) {
        ObjectNode o = JSON.createObjectNode();
        figures.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) o.put(k, v); else o.putNull(k);
        });
        return o.toString();
    }

    static Map<String, Double> fromJson(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        try {
            JsonNode node = JSON.readTree(text);
            node.properties().forEach(e -> out.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN));
        } catch (Exception e) {
            throw new IllegalStateException("stored figures are not JSON: " + text, e);
        }
        return out;
    }
}
