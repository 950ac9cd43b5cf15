package io.inferdeck.services.tuning;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.gguf.ModelSummary;
import io.inferdeck.tuning.fit.ModelShape;
import io.inferdeck.tuning.quality.VariantFiles;
import io.inferdeck.tuning.quant.QuantizeProgress;
import io.inferdeck.tuning.quant.QuantizeResult;
import io.inferdeck.tuning.quant.Quantizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quantization variants of a model, found one way for the page and the sweep CLI: the GGUF files beside it
 * whose names differ only in the type suffix ({@link ModelLibrary#siblingsOf}), keyed by their dominant weight
 * type; missing ones are named by {@link VariantFiles#sibling} and written by the quantizer from the best float
 * source ({@link Quantizer#FLOAT_SOURCES} order). The embedded model's files are generated on demand instead.
 * Stateless apart from the models folder; blocking (file reads, quantizing, generating).
 */
final class VariantCatalog {
    private final ModelLibrary models;

    VariantCatalog(ModelLibrary models) {
        this.models = models;
    }

    Path modelOf(DeploymentProfile p) {
        return p.model() == null || p.model().isBlank() ? models.defaultModel() : Path.of(p.model());
    }

    /** Variants on disk beside {@code model} (itself included when present); corrupt or partial files are skipped. */
    Map<GgmlType, Path> onDisk(Path model) throws IOException {
        Map<GgmlType, Path> out = new EnumMap<>(GgmlType.class);
        Path folder = model.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return out;
        }
        for (Path p : ModelLibrary.siblingsOf(model)) {
            try {
                GgmlType.byName(ModelSummary.of(GgufReader.read(p)).quant()).ifPresent(t -> out.putIfAbsent(t, p));
            } catch (GgufFormatException e) {
                // not a usable variant; the quantizer would replace it atomically
            }
        }
        return out;
    }

    /** Existing variants, then those the quantizer could create beside the model, in {@code GgmlType} order. */
    List<Variant> variants(Path model) throws IOException {
        Map<GgmlType, Path> existing = onDisk(model);
        boolean canCreate = isEmbedded(model) || Quantizer.FLOAT_SOURCES.stream().anyMatch(existing::containsKey);
        List<Variant> out = new ArrayList<>();
        for (GgmlType t : GgmlType.values()) {
            if (existing.containsKey(t)) {
                out.add(new Variant(t.name(), existing.get(t), true));
            } else if (canCreate && Quantizer.TARGETS.contains(t)) {
                out.add(new Variant(t.name(), VariantFiles.sibling(model, t), false));
            }
        }
        return out;
    }

    /** Model files by quant for a sweep: the embedded model's (written when missing), else those beside the profile's model. */
    Map<String, Path> forSweep(DeploymentProfile base, List<String> quants) throws IOException {
        Map<String, Path> byQuant = new LinkedHashMap<>();
        if (base.model() == null) {
            List<GgmlType> types = quants.stream().map(q -> GgmlType.byName(q).orElseThrow(
                    () -> new IllegalArgumentException("unknown quant " + q))).toList();
            models.ensure(LlamaModelSpec.DEFAULT, types, (t, b) -> { });
            types.forEach(t -> byQuant.put(t.name(), models.variantPath(LlamaModelSpec.DEFAULT, t)));
        } else {
            onDisk(Path.of(base.model())).forEach((t, p) -> byQuant.put(t.name(), p));
        }
        return byQuant;
    }

    /** Writes {@code v} from the best float source beside it (the embedded model's F16, generated when needed). */
    QuantizeResult create(Variant v, QuantizeProgress progress) throws IOException {
        GgmlType target = GgmlType.byName(v.quant()).filter(Quantizer.TARGETS::contains)
                .orElseThrow(() -> new IllegalArgumentException("InferDeck cannot write " + v.quant()));
        Map<GgmlType, Path> existing = onDisk(v.path());
        Optional<Path> source = Quantizer.FLOAT_SOURCES.stream().filter(existing::containsKey).map(existing::get).findFirst();
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

    Map<String, ModelShape> shapes(List<Variant> variants) throws IOException {
        Map<String, ModelShape> out = new LinkedHashMap<>();
        for (Variant v : variants) {
            if (v.exists()) {
                try {
                    out.put(v.quant(), ModelShape.from(GgufReader.read(v.path())));
                } catch (GgufFormatException e) {
                    throw new IOException(v.path().getFileName() + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /** The embedded model's highest-precision file, the default quality reference; {@code wroteInto} hears when it was generated now. */
    Path embeddedReference(java.util.function.Consumer<Path> wroteInto) throws IOException {
        GgmlType highest = Quantizer.FLOAT_SOURCES.getFirst();
        if (!models.ensure(LlamaModelSpec.DEFAULT, List.of(highest), (t, b) -> { }).isEmpty()) {
            wroteInto.accept(models.dir());
        }
        return models.variantPath(LlamaModelSpec.DEFAULT, highest);
    }

    /**
     * The highest-precision variant a sweep's quality is measured against: the embedded model's F32 (generated when
     * missing) for a profile without a model, else the highest-precision file beside the profile's model (among
     * {@code models} and on disk), in {@link VariantFiles#BY_PRECISION} order.
     */
    Path qualityReference(DeploymentProfile base, Map<String, Path> models) throws IOException {
        if (base.model() == null) {
            return embeddedReference(p -> { });
        }
        Map<GgmlType, Path> all = onDisk(Path.of(base.model()));
        models.forEach((q, p) -> GgmlType.byName(q).ifPresent(t -> all.putIfAbsent(t, p)));
        return VariantFiles.BY_PRECISION.stream().filter(all::containsKey).map(all::get).findFirst()
                .orElseThrow(() -> new IOException("no variant of " + Path.of(base.model()).getFileName() + " can serve as the quality reference"));
    }

    private boolean isEmbedded(Path model) {
        return model.getFileName().toString().startsWith(LlamaModelSpec.DEFAULT.id() + "-")
                && model.toAbsolutePath().getParent().equals(models.dir().toAbsolutePath());
    }
}
