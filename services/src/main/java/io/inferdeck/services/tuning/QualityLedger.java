package io.inferdeck.services.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.common.io.AtomicFiles;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.tuning.quality.QuantReport;
import io.inferdeck.tuning.quality.QuantReportResult;
import io.inferdeck.tuning.quality.QuantReportRow;
import io.inferdeck.tuning.quality.VariantFiles;
import io.inferdeck.tuning.quant.QuantMix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Each variant's mean KL from the highest-precision variant, as the quantization report measured it, kept in one
 * JSON file ({@code file}) so a variant is measured once: every finished report is recorded ({@link #record}), and a
 * sweep with a quality budget runs the report only for variants the file lacks. An entry belongs to its reference
 * file as it was (absolute path, size, modification time): a rewritten reference invalidates its entries.
 * Thread-safe: synchronized, the report included (one report at a time is all the machine affords). Blocking.
 */
final class QualityLedger {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Engines engines;
    private final Path workDir;

    QualityLedger(Path file, Engines engines, Path workDir) {
        this.file = file;
        this.engines = engines;
        this.workDir = workDir;
    }

    /**
     * Mean KL by quant for {@code quants} against {@code reference}, measuring the ones not on file with one quant
     * report; a variant the report cannot make or measure is left out (and {@code notes} hears why).
     */
    synchronized Map<String, Double> meanKl(Path reference, List<String> quants, Consumer<String> notes) {
        Map<String, Double> known = read(reference);
        List<QuantMix> missing = new ArrayList<>();
        for (String q : quants) {
            if (!known.containsKey(q)) {
                QuantMix.byName(q).filter(VariantFiles.BY_PRECISION::contains).ifPresentOrElse(missing::add,
                        () -> notes.accept("quality: the quantization report cannot measure " + q));
            }
        }
        if (!missing.isEmpty()) {
            try {
                notes.accept("quality: measuring mean KL of " + missing + " against " + reference.getFileName() + " (once; cached in " + file + ")");
                Files.createDirectories(workDir);
                record(engines.quantReport(reference, missing, QuantReport.Settings.defaults(),
                        Files.createTempDirectory(workDir, "quality-"), step -> { }));
                known = read(reference);
            } catch (IOException | GgufFormatException | IllegalArgumentException e) {
                notes.accept("quality: not measured: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                notes.accept("quality: not measured: interrupted");
            }
        }
        Map<String, Double> found = known;
        Map<String, Double> out = new LinkedHashMap<>();
        quants.stream().filter(found::containsKey).forEach(q -> out.put(q, found.get(q)));
        return out;
    }

    /** Adds a finished report's measured KL figures (NaN ones are skipped). */
    synchronized void record(QuantReportResult report) throws IOException {
        ObjectNode root = load();
        ObjectNode refs = root.path("references") instanceof ObjectNode o ? o : root.putObject("references");
        ObjectNode entry = refs.putObject(key(report.source()));
        read(report.source()).forEach(entry::put);
        for (QuantReportRow row : report.rows()) {
            if (Double.isFinite(row.meanKl())) {
                entry.put(row.variant(), row.meanKl());
            }
        }
        AtomicFiles.writeString(file, root.toPrettyString());
    }

    private Map<String, Double> read(Path reference) {
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            JsonNode entry = load().path("references").path(key(reference));
            entry.properties().forEach(e -> out.put(e.getKey(), e.getValue().asDouble()));
        } catch (IOException e) {
            // an unreadable ledger is an empty one: it is rewritten whole on the next record
        }
        return out;
    }

    private ObjectNode load() throws IOException {
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode().put("schema", "inferdeck.quality-kl/1");
        }
        try {
            return (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException | ClassCastException e) {
            return JSON.createObjectNode().put("schema", "inferdeck.quality-kl/1");
        }
    }

    private static String key(Path reference) throws IOException {
        Path p = reference.toAbsolutePath().normalize();
        return p + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis();
    }
}
