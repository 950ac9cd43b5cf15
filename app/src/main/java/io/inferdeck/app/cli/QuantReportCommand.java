package io.inferdeck.app.cli;

import io.inferdeck.services.tuning.ExportFormat;
import io.inferdeck.services.tuning.TuningService;
import io.inferdeck.tuning.quality.QuantReport;
import io.inferdeck.tuning.quality.QuantReportResult;
import io.inferdeck.tuning.quality.QuantReportRow;
import io.inferdeck.tuning.quality.TextSample;
import io.inferdeck.tuning.quant.QuantMix;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inferdeck quant-report}: size, speed and quality loss of every quantization variant of one model. */
@Command(name = "quant-report", mixinStandardHelpOptions = true,
        description = "For each quantization variant of a model: file size, decode tokens/s and TTFT on the built-in engine, "
                + "and quality loss against the highest-precision variant (mean KL divergence of next-token distributions "
                + "and perplexity on a text sample, from InferDeck's reference forward pass). Missing variants are quantized first.")
public final class QuantReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--model", paramLabel = "PATH", description = "Highest-precision GGUF (the quality reference); default: "
            + "the embedded default model's F32 variant, written on demand.") Path model;
    @Option(names = "--variants", split = ",", converter = QuantMixConverter.Variants.class, defaultValue = "F32,F16,Q8_0,Q6_K,Q5_K_M,Q5_0,Q4_K_M,Q4_1,Q4_0,Q3_K_M,Q2_K",
            description = "Variants to report: plain types and llama.cpp's k-quant mixes (default ${DEFAULT-VALUE}).") List<QuantMix> variants;
    @Option(names = "--duration", defaultValue = "5s", description = "Speed window per variant (default ${DEFAULT-VALUE}).") Duration duration;
    @Option(names = "--warmup", defaultValue = "1s", description = "Warm-up per variant (default ${DEFAULT-VALUE}).") Duration warmup;
    @Option(names = "--max-tokens", defaultValue = "32", description = "max_tokens per speed request (default ${DEFAULT-VALUE}).") int maxTokens;
    @Option(names = "--sample-tokens", defaultValue = "256", description = "Most sample tokens scored (default ${DEFAULT-VALUE}).") int sampleTokens;
    @Option(names = "--text", paramLabel = "FILE", description = "Text sample (UTF-8); default: the built-in English sample.") Path text;
    @Option(names = "--json", paramLabel = "OUT") Path json;
    @Option(names = "--csv", paramLabel = "OUT") Path csv;
    @Option(names = "--markdown", paramLabel = "OUT") Path markdown;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<QuantMix> types = List.copyOf(variants);
        ScheduledExecutorService exec = CliTuning.supervisor();
        try (TuningService tuning = CliTuning.open(exec)) {
            Path source = model != null ? model : tuning.defaultReportSource(
                    dir -> err.println("quant-report: wrote the default model's F32 variant to " + dir));
            QuantReport.Settings settings = new QuantReport.Settings(warmup, duration, maxTokens,
                    sampleTokens, text == null ? TextSample.builtIn() : Files.readString(text, StandardCharsets.UTF_8));
            String[] last = {""};
            QuantReportResult r = tuning.quantReport(source, types, settings, step -> {
                String key = step.stage() + " " + step.variant();
                if (!key.equals(last[0])) {
                    last[0] = key;
                    err.println("quant-report: " + step.stage().name().toLowerCase(Locale.ROOT) + " " + step.variant());
                    err.flush();
                }
            });
            print(out, r);
            Map<ExportFormat, Path> exports = new LinkedHashMap<>();   // written and reported in option order
            if (json != null) exports.put(ExportFormat.JSON, json);
            if (csv != null) exports.put(ExportFormat.CSV, csv);
            if (markdown != null) exports.put(ExportFormat.MARKDOWN, markdown);
            for (var e : exports.entrySet()) {
                tuning.exportReport(r, e.getValue(), e.getKey());
                out.println("wrote " + e.getValue());
            }
            return r.rows().stream().allMatch(w -> w.notes().isEmpty()) && r.qualityNote() == null ? 0 : 1;
        } finally {
            exec.shutdownNow();
        }
    }

    private static void print(PrintWriter out, QuantReportResult r) {
        out.printf(Locale.ROOT, "%s — reference %s, %d sample tokens, %.0f s%n", r.model(), r.referenceVariant(), r.sampleTokens(),
                r.duration().toMillis() / 1000.0);
        out.printf("%-8s %9s %13s %12s %14s %11s %9s %7s%n", "variant", "file MB", "decode tok/s", "TTFT p50 ms", "mean KL nats",
                "perplexity", "Δppl %", "greedy");
        for (QuantReportRow w : r.rows()) {
            out.printf(Locale.ROOT, "%-8s %9.1f %13s %12s %14s %11s %9s %7s%s%n", w.variant(), w.fileMegabytes(),
                    fmt(w.decodeTokensPerSecond(), "%.1f"), fmt(w.ttftP50Ms(), "%.1f"),
                    w.meanKl() == 0 ? "0" : fmt(w.meanKl(), "%.3g"), fmt(w.perplexity(), "%.2f"),
                    w.reference() ? "ref" : fmt(w.deltaPerplexityPercent(), "%+.2f"),
                    w.greedyCompared() == 0 ? "n/a" : w.greedyMatched() + "/" + w.greedyCompared(), w.notes().isEmpty() ? "" : "  " + w.notes());
        }
        out.println("greedy: leading tokens of the engine's temperature-0 continuation equal to the reference forward pass's");
        if (r.qualityNote() != null) {
            out.println("quality: " + r.qualityNote());
        }
        out.flush();
    }

    private static String fmt(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "n/a";
    }
}
