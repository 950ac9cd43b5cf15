package io.inferdeck.services.models;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.ModelFacts;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.gguf.ModelSummary;
import io.inferdeck.gguf.ModelValidator;
import io.inferdeck.services.tuning.TuningService;
import io.inferdeck.tuning.quality.QuantReport;
import io.inferdeck.tuning.quality.QuantReportResult;
import io.inferdeck.tuning.quality.VariantFiles;
import io.inferdeck.tuning.quant.QuantMix;
import io.inferdeck.tuning.quant.QuantizeProgress;
import io.inferdeck.tuning.quant.QuantizeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the Models page does with one discovered model, through the services that already do it: Inspect is
 * {@code model inspect}'s {@link ModelSummary#describe}, Quantize and Quant report are the {@link TuningService}'s,
 * Run's profile is the built-in default's with this model. Nothing is written into another tool's store: a
 * quantized file of an Ollama, LM Studio, Hugging Face or llama.cpp model goes into InferDeck's models folder, and
 * the report (which writes its variants beside its source) works on a link in {@code <models>/linked/}.
 * Blocking: call on a worker. Thread-safe (no state of its own).
 */
public final class ModelActions {
    /** Stores whose folders belong to InferDeck or the operator: their models' variants are written beside them. */
    private static final Set<String> WRITABLE = Set.of(ModelStores.INFERDECK, ModelStores.FOLDER);

    private final ModelLibrary library;
    private final TuningService tuning;
    private final FileManager files;

    public ModelActions(ModelLibrary library, TuningService tuning, FileManager files) {
        this.library = library;
        this.tuning = tuning;
        this.files = files;
    }

    /** The header as {@code inferdeck model inspect} prints it, after the model's name, store and files. */
    public List<String> inspect(DiscoveredModel m) throws GgufFormatException {
        List<String> lines = new ArrayList<>(List.of(m.name() + "  (" + m.store() + ")"));
        m.parts().forEach(p -> lines.add("file          " + p));
        lines.addAll(ModelSummary.describe(ModelValidator.read(m.path())));
        return lines;
    }

    /** Writes the {@code type} variant (llama.cpp's per-tensor rules); returns what the quantizer wrote. */
    public QuantizeResult quantize(DiscoveredModel m, GgmlType type, QuantizeProgress progress) throws IOException, GgufFormatException {
        single(m, "quantized");
        QuantMix mix = QuantMix.of(type).orElseThrow(() -> new IllegalArgumentException("InferDeck cannot write " + type));
        Path out = WRITABLE.contains(m.store()) ? VariantFiles.sibling(m.path(), type)
                : library.dir().resolve(fileStem(m) + "-" + type.name().toLowerCase(Locale.ROOT) + ".gguf");
        Files.createDirectories(out.getParent());
        return tuning.quantize(m.path(), out, mix, false, progress);
    }

    /** The quantization report with this model as its reference (it must be F32, F16, BF16 or a type the report knows). */
    public QuantReportResult quantReport(DiscoveredModel m, Consumer<QuantReport.Step> progress)
            throws IOException, GgufFormatException, InterruptedException {
        single(m, "reported on");
        Path source = WRITABLE.contains(m.store()) ? m.path() : linked(m);
        return tuning.quantReport(source, VariantFiles.reportedBelow(VariantFiles.typeOf(source)), QuantReport.Settings.defaults(), progress);
    }

    public boolean canReveal() {
        return files.supported();
    }

    public void reveal(DiscoveredModel m) throws IOException {
        files.reveal(m.path());
    }

    /**
     * The built-in default profile (its engine settings and port) running {@code m}: the builtin engine, a name made
     * from the model's, and a context no longer than the model was trained for (the only fit a header alone allows;
     * the Tuning page's memory fit takes it from there).
     */
    public static DeploymentProfile runProfile(DiscoveredModel m, DeploymentProfile defaults) {
        ModelFacts f = m.facts().orElseThrow(() -> new IllegalArgumentException(m.name() + ": " + m.problem().orElse("unreadable")));
        long trained = f.trainedContext().orElse(defaults.ctx());
        return defaults.toBuilder().engine(EngineKind.BUILTIN).name(profileName(m.name())).model(m.path().toString())
                .quantization(f.quant().orElse(null)).ctx((int) Math.min(defaults.ctx(), trained)).build();
    }

    /** A profile name (1-64 of A-Z a-z 0-9 . _ -) made from a model's: {@code llama3.2:3b} → {@code llama3.2-3b}. */
    static String profileName(String modelName) {
        String base = modelName.replaceAll("(?i)\\.gguf$", "").replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
        base = base.length() > 64 ? base.substring(base.length() - 64) : base;
        return base.isEmpty() ? "model" : base;
    }

    private static String fileStem(DiscoveredModel m) {
        return ModelLibrary.stem(profileName(m.name()) + ".gguf");
    }

    /** A link to the model in {@code <models>/linked/}, so what the report writes beside its source lands there. */
    private Path linked(DiscoveredModel m) throws IOException {
        Path link = library.dir().resolve("linked").resolve(profileName(m.name()) + ".gguf");
        Path target = m.path().toRealPath();
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
            return link;
        }
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        return Files.createSymbolicLink(link, target);
    }

    private static void single(DiscoveredModel m, String verb) {
        if (m.parts().size() > 1) {
            throw new IllegalArgumentException("a split model cannot be " + verb + " here: merge its " + m.parts().size()
                    + " parts first (llama-gguf-split --merge)");
        }
        if (!m.usable()) {
            throw new IllegalArgumentException(m.name() + ": " + m.problem().orElseThrow());
        }
    }
}
