package io.inferdeck.views.tuning;

import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileException;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.gguf.ModelSummary;
import io.inferdeck.tuning.fit.ModelShape;
import io.inferdeck.tuning.history.RunHistory;
import io.inferdeck.tuning.quality.QuantReport;
import io.inferdeck.tuning.quality.QuantReportResult;
import io.inferdeck.tuning.load.BenchProgress;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.LoadGenerator;
import io.inferdeck.tuning.quant.QuantizeProgress;
import io.inferdeck.tuning.quant.QuantizeResult;
import io.inferdeck.tuning.quant.Quantizer;
import io.inferdeck.tuning.sweep.Sweep;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.tuning.sweep.SweepPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The real {@link TuningServices}: the models folder, saved profiles, the run history database, and sweeps
 * on fresh engine processes supervised on {@code supervisor} (the composition root's scheduled thread).
 * Thread-safety: stateless apart from the lazily opened history, which is synchronized; blocking throughout.
 */
public final class TuningBackend implements TuningServices, AutoCloseable {
    private static final List<GgmlType> FLOAT_SOURCES = List.of(GgmlType.F32, GgmlType.BF16, GgmlType.F16);

    private final ModelLibrary models;
    private final ProfileLibrary profiles;
    private final Path historyDb;
    private final LaunchContext launch;
    private final Path sweepDir;
    private final ScheduledExecutorService supervisor;
    private final Clock clock;
    private RunHistory history;

    public TuningBackend(ModelLibrary models, ProfileLibrary profiles, Path historyDb, LaunchContext launch, Path sweepDir,
                         ScheduledExecutorService supervisor, Clock clock) {
        this.models = models;
        this.profiles = profiles;
        this.historyDb = historyDb;
        this.launch = launch;
        this.sweepDir = sweepDir;
        this.supervisor = supervisor;
        this.clock = clock;
    }

    @Override
    public Path modelOf(DeploymentProfile p) {
        return p.model() == null || p.model().isBlank() ? models.defaultModel() : Path.of(p.model());
    }

    @Override
    public List<Variant> variants(Path model) throws IOException {
        Map<GgmlType, Path> existing = existing(model);
        boolean embedded = isEmbedded(model);
        boolean canCreate = embedded || FLOAT_SOURCES.stream().anyMatch(existing::containsKey);
        List<Variant> out = new ArrayList<>();
        for (GgmlType t : GgmlType.values()) {
            if (existing.containsKey(t)) {
                out.add(new Variant(t.name(), existing.get(t), true));
            } else if (canCreate && Quantizer.TARGETS.contains(t)) {
                out.add(new Variant(t.name(), embedded ? models.variantPath(LlamaModelSpec.DEFAULT, t) : sibling(model, t), false));
            }
        }
        return out;
    }

    @Override
    public ModelShape shape(Path model) throws IOException {
        try {
            return ModelShape.from(GgufReader.read(model));
        } catch (GgufFormatException e) {
            throw new IOException(model.getFileName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public QuantizeResult create(Variant v, QuantizeProgress progress) throws IOException {
        GgmlType target = GgmlType.byName(v.quant()).filter(Quantizer.TARGETS::contains)
                .orElseThrow(() -> new IllegalArgumentException("InferDeck cannot write " + v.quant()));
        Map<GgmlType, Path> existing = Files.exists(v.path().toAbsolutePath().getParent()) ? existing(v.path()) : Map.of();
        Optional<Path> source = FLOAT_SOURCES.stream().filter(existing::containsKey).map(existing::get).findFirst();
        if (source.isEmpty() && isEmbedded(v.path())) {
            models.ensure(LlamaModelSpec.DEFAULT, List.of(GgmlType.F16), (t, b) -> { });   // the generator writes the float source
            source = Optional.of(models.variantPath(LlamaModelSpec.DEFAULT, GgmlType.F16));
        }
        Path from = source.orElseThrow(() -> new IOException("no F32/F16/BF16 variant beside " + v.path().getFileName() + " to quantize from"));
        try {
            return Quantizer.quantize(from, v.path(), target, progress);
        } catch (GgufFormatException e) {
            throw new IOException(from.getFileName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<SweepOutcome> sweep(DeploymentProfile base, Map<String, Path> modelsByQuant, List<SweepPoint> points,
                                    BenchSettings load, Consumer<SweepOutcome> progress) {
        try {
            Files.createDirectories(sweepDir);
            Path work = Files.createTempDirectory(sweepDir, "sweep-");
            return new Sweep(base.toBuilder().engine(EngineKind.BUILTIN).build(), modelsByQuant, launch, work, supervisor, clock)
                    .run(points, url -> load.plan(url, null), progress);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public QuantReportResult quantReport(Path source, List<GgmlType> variants, Consumer<QuantReport.Step> progress) throws Exception {
        Files.createDirectories(sweepDir);
        Path work = Files.createTempDirectory(sweepDir, "quant-report-");
        return new QuantReport(launch, work, supervisor, clock, QuantReport.Settings.defaults()).run(source, variants, progress);
    }

    @Override
    public BenchResult bench(String url, String apiKey, BenchSettings load, Consumer<BenchProgress> progress) {
        try (LoadGenerator gen = new LoadGenerator(clock)) {
            return gen.run(load.plan(url, apiKey), progress);
        }
    }

    @Override
    public Path saveProfile(DeploymentProfile profile) throws IOException, ProfileException {
        return profiles.save(profile);
    }

    @Override
    public synchronized RunHistory history() throws SQLException {
        if (history == null) {
            history = RunHistory.open(historyDb, clock);
        }
        return history;
    }

    /** Variants on disk beside {@code model} (itself included when present), by dominant weight type. */
    private static Map<GgmlType, Path> existing(Path model) throws IOException {
        Map<GgmlType, Path> out = new EnumMap<>(GgmlType.class);
        Path folder = model.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return out;
        }
        List<Path> siblings = new ArrayList<>(ModelLibrary.siblingsOf(model));
        for (Path p : siblings) {
            try {
                GgmlType.byName(ModelSummary.of(GgufReader.read(p)).quant()).ifPresent(t -> out.putIfAbsent(t, p));
            } catch (GgufFormatException e) {
                // a corrupt or partial file is not a usable variant; the quantizer would replace it atomically
            }
        }
        return out;
    }

    private boolean isEmbedded(Path model) {
        return model.getFileName().toString().startsWith(LlamaModelSpec.DEFAULT.id() + "-")
                && model.toAbsolutePath().getParent().equals(models.dir().toAbsolutePath());
    }

    /** {@code name-q4_0.gguf} beside {@code name-f16.gguf} (or beside {@code name.gguf}). */
    static Path sibling(Path model, GgmlType t) {
        String file = model.getFileName().toString();
        String base = file.substring(0, file.length() - ".gguf".length());
        for (GgmlType other : GgmlType.values()) {
            String suffix = other.name().toLowerCase(Locale.ROOT);
            String lower = base.toLowerCase(Locale.ROOT);
            if (lower.endsWith("-" + suffix) || lower.endsWith("." + suffix) || lower.endsWith("_" + suffix)) {
                base = base.substring(0, base.length() - suffix.length() - 1);
                break;
            }
        }
        return model.resolveSibling(base + "-" + t.name().toLowerCase(Locale.ROOT) + ".gguf");
    }

    @Override
    public synchronized void close() {
        if (history != null) {
            try {
                history.close();
            } catch (SQLException e) {
                System.getLogger(TuningBackend.class.getName()).log(System.Logger.Level.WARNING, "closing run history", e);
            }
        }
    }
}
