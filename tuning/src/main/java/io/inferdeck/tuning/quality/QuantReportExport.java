package io.inferdeck.tuning.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The report as JSON (schema {@code inferdeck.quant-report/1}; NaN written as null, per-variant objects a
 * chart can plot directly), CSV (one row per variant, empty cell = not measured) and a Markdown table.
 * Files are written atomically. Stateless.
 */
public final class QuantReportExport {
    public static final String SCHEMA = "inferdeck.quant-report/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CSV_HEADER = "variant,file_bytes,decode_tokens_per_s,ttft_p50_ms,mean_kl_nats,perplexity,"
            + "delta_perplexity_percent,greedy_matched,greedy_compared,reference,created,notes";

    private QuantReportExport() {
    }

    public static String json(QuantReportResult r) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("schema", SCHEMA).put("model", r.model())
                .put("source", r.source().toString()).put("reference", r.referenceVariant())
                .put("started_at", r.startedAt().toString()).put("duration_s", r.duration().toMillis() / 1000.0)
                .put("sample_tokens", r.sampleTokens()).put("quality_note", r.qualityNote());
        ArrayNode rows = root.putArray("variants");
        for (QuantReportRow w : r.rows()) {
            ObjectNode n = rows.addObject().put("variant", w.variant()).put("file", w.file().toString())
                    .put("file_bytes", w.fileBytes()).put("reference", w.reference()).put("created", w.created());
            num(n, "decode_tokens_per_s", w.decodeTokensPerSecond());
            num(n, "ttft_p50_ms", w.ttftP50Ms());
            n.put("speed_requests", w.speedRequests());
            num(n, "mean_kl_nats", w.meanKl());
            num(n, "perplexity", w.perplexity());
            num(n, "delta_perplexity_percent", w.deltaPerplexityPercent());
            n.put("greedy_tokens_matching_engine", w.greedyMatched()).put("greedy_tokens_compared", w.greedyCompared());
            n.put("notes", w.notes());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    public static String csv(QuantReportResult r) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (QuantReportRow w : r.rows()) {
            sb.append(w.variant()).append(',').append(w.fileBytes()).append(',').append(cell(w.decodeTokensPerSecond()))
                    .append(',').append(cell(w.ttftP50Ms())).append(',').append(cell(w.meanKl())).append(',')
                    .append(cell(w.perplexity())).append(',').append(cell(w.deltaPerplexityPercent())).append(',')
                    .append(w.greedyMatched()).append(',').append(w.greedyCompared()).append(',')
                    .append(w.reference()).append(',').append(w.created()).append(',').append(quoted(w.notes())).append('\n');
        }
        return sb.toString();
    }

    /** The table as the CLI prints it and docs embed it. */
    public static String markdown(QuantReportResult r) {
        StringBuilder sb = new StringBuilder("| variant | file MB | decode tok/s | TTFT p50 ms | mean KL (nats) | perplexity | Δppl % | greedy = engine |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (QuantReportRow w : r.rows()) {
            sb.append(String.format(Locale.ROOT, "| %s%s | %.1f | %s | %s | %s | %s | %s | %s |%n", w.variant(),
                    w.reference() ? " (reference)" : "", w.fileMegabytes(), fixed(w.decodeTokensPerSecond(), 1),
                    fixed(w.ttftP50Ms(), 1), sci(w.meanKl()), fixed(w.perplexity(), 2),
                    w.reference() ? "—" : signed(w.deltaPerplexityPercent()), greedy(w)));
        }
        return sb.toString();
    }

    public static void write(Path file, String content) throws IOException {
        AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void num(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }

    private static String cell(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String quoted(String s) {
        return s == null || s.isEmpty() ? "" : "\"" + s.replace("\"", "\"\"").replace('\n', ' ') + "\"";
    }

    static String greedy(QuantReportRow w) {
        return w.greedyCompared() == 0 ? "n/a" : w.greedyMatched() + "/" + w.greedyCompared();
    }

    static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "n/a";
    }

    static String sci(double v) {
        return !Double.isFinite(v) ? "n/a" : v == 0 ? "0" : String.format(Locale.ROOT, "%.3g", v);
    }

    static String signed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.2f", v) : "n/a";
    }
}
