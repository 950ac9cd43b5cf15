package io.inferdeck.tuning.quality;

import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.ModelSummary;
import io.inferdeck.tuning.quant.QuantMix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The quantization report for one model (issue 7): per variant its file size, decode tokens/s and TTFT
 * on the built-in engine, and quality loss against the highest-precision variant (mean KL and
 * perplexity on a text sample, computed by {@link ReferenceModel}). Missing variants are quantized from the
 * source first. Speed runs come first and one at a time, then quality, so nothing competes for the CPUs
 * during a measurement. Blocking: the Tuning view calls it off the FX thread. Progress arrives on the
 * calling thread.
 */
public final class QuantReport {
    /**
     * @param maxSampleTokens the tokenized sample is cut to this many tokens (bounds the reference's cost)
     */
    public record Settings(Duration warmup, Duration duration, int maxTokens, int maxSampleTokens, String text) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(1), Duration.ofSeconds(5), 32, 256, TextSample.builtIn());
        }
    }

    /** Stage of the report a progress event belongs to. */
    public enum Stage { QUANTIZE, SPEED, QUALITY }

    /** @param fraction 0..1 within the stage for this variant */
    public record Step(Stage stage, String variant, double fraction) {
    }

    private final LaunchContext launch;
    private final Path workRoot;
    private final ScheduledExecutorService exec;
    private final Clock clock;
    private final Settings settings;

    public QuantReport(LaunchContext launch, Path workRoot, ScheduledExecutorService exec, Clock clock, Settings settings) {
        this.launch = launch;
        this.workRoot = workRoot;
        this.exec = exec;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * @param source   the highest-precision file: it is the quality reference
     * @param variants mixes to report (the source's own is always included, first)
     */
    public QuantReportResult run(Path source, List<QuantMix> variants, Consumer<Step> progress)
            throws IOException, GgufFormatException, InterruptedException {
        Instant start = clock.instant();
        QuantMix sourceMix = VariantFiles.mixOf(source);
        VariantFiles.check(sourceMix, variants);
        List<QuantMix> mixes = new ArrayList<>(VariantFiles.BY_PRECISION);
        mixes.removeIf(t -> t != sourceMix && !variants.contains(t));
        mixes.removeIf(t -> VariantFiles.BY_PRECISION.indexOf(t) < VariantFiles.BY_PRECISION.indexOf(sourceMix));
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, Boolean> created = new LinkedHashMap<>();
        for (QuantMix t : mixes) {
            Path p = VariantFiles.pathFor(source, sourceMix, t);
            created.put(t.name(), VariantFiles.ensure(source, p, t,
                    (done, total) -> progress.accept(new Step(Stage.QUANTIZE, t.name(), total == 0 ? 1 : done / (double) total))));
            files.put(t.name(), p);
        }
        SpeedProbe probe = new SpeedProbe(launch, workRoot, exec, clock, settings);
        Map<String, VariantSpeed> speeds = new LinkedHashMap<>();
        Map<String, List<String>> enginePieces = new LinkedHashMap<>();
        int[] greedyPrompt = null;
        int[] tokens = null;
        String qualityNote = null;
        for (Map.Entry<String, Path> f : files.entrySet()) {
            boolean isRef = f.getKey().equals(sourceMix.name());
            progress.accept(new Step(Stage.SPEED, f.getKey(), 0));
            SpeedProbe.Probe r = probe.measure(f.getKey(), f.getValue(), isRef ? settings.text() : null);
            speeds.put(f.getKey(), r.speed());
            enginePieces.put(f.getKey(), r.greedyPieces());
            if (isRef) {
                greedyPrompt = r.greedyPrompt();
                tokens = r.tokens() == null ? null : Arrays.copyOf(r.tokens(), Math.min(r.tokens().length, settings.maxSampleTokens()));
                qualityNote = r.tokenizeFailure();
            }
            progress.accept(new Step(Stage.SPEED, f.getKey(), 1));
        }
        Map<String, VariantQuality> quality = new LinkedHashMap<>();
        if (tokens != null) {
            try {
                QualityEvaluator.evaluate(source, files, tokens, greedyPrompt, SpeedProbe.GREEDY_TOKENS, (v, done, total) ->
                        progress.accept(new Step(Stage.QUALITY, v, done / (double) total))).forEach(q -> quality.put(q.variant(), q));
            } catch (ReferenceModelException | IllegalArgumentException e) {
                qualityNote = "quality not measured: " + e.getMessage();
            }
        }
        return new QuantReportResult(ModelSummary.of(GgufReader.read(source)).name(), source, sourceMix.name(), start,
                Duration.between(start, clock.instant()), quality.isEmpty() ? 0 : tokens.length, qualityNote,
                rows(files, created, speeds, quality, new GreedyAgreement(source, enginePieces), sourceMix.name()));
    }

    private static List<QuantReportRow> rows(Map<String, Path> files, Map<String, Boolean> created, Map<String, VariantSpeed> speeds,
                                             Map<String, VariantQuality> quality, GreedyAgreement agreement, String ref)
            throws IOException {
        double refPpl = quality.containsKey(ref) ? quality.get(ref).perplexity() : Double.NaN;
        List<QuantReportRow> rows = new ArrayList<>();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            VariantSpeed s = speeds.get(f.getKey());
            VariantQuality q = quality.get(f.getKey());
            double ppl = q == null ? Double.NaN : q.perplexity();
            int[] match = agreement.of(f.getKey(), q == null ? List.of() : q.greedy());
            rows.add(new QuantReportRow(f.getKey(), f.getValue(), Files.size(f.getValue()), f.getKey().equals(ref),
                    created.get(f.getKey()), s.decodeTokensPerSecond(), s.ttftP50Ms(), s.requests(),
                    q == null ? Double.NaN : q.meanKl(), ppl, (ppl / refPpl - 1) * 100, match[0], match[1], s.measured() ? "" : "speed: " + s.failure()));
        }
        return rows;
    }
}
