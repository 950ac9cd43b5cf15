package io.inferdeck.tuning.quality;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.gguf.ModelSummary;
import io.inferdeck.tuning.quant.QuantMix;
import io.inferdeck.tuning.quant.QuantizeProgress;
import io.inferdeck.tuning.quant.Quantizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where each quantization variant (a {@link QuantMix}: a plain type or one of llama.cpp's k-quant mixes) of a
 * model lives: beside the source, same name with the type suffix swapped ({@code model-f32.gguf} →
 * {@code model-q4_k_m.gguf}; {@code model.gguf} → {@code model-q4_0.gguf}). A missing or unreadable variant is
 * written by {@link Quantizer} from the source (atomically), with llama.cpp's per-tensor rules.
 */
public final class VariantFiles {
    /**
     * Highest precision first, by bits per weight of the mix's bulk (F32 32, F16/BF16 16, Q8_0 8.5, Q6_K 6.56,
     * Q5_1 6, Q5_K_M ≈ 5.7, Q5_K_S/Q5_0 5.5, Q4_1 5, Q4_K_M ≈ 4.8, Q4_K_S/Q4_0 4.5, Q3_K_L ≈ 4.3, Q3_K_M ≈ 3.9,
     * Q3_K_S 3.44, Q2_K ≈ 3.0): the order the report lists variants in. F16 ranks above BF16 (more mantissa).
     */
    public static final List<QuantMix> BY_PRECISION = List.of(QuantMix.F32, QuantMix.F16, QuantMix.BF16, QuantMix.Q8_0,
            QuantMix.Q6_K, QuantMix.Q5_1, QuantMix.Q5_K_M, QuantMix.Q5_K_S, QuantMix.Q5_0, QuantMix.Q4_1, QuantMix.Q4_K_M,
            QuantMix.Q4_K_S, QuantMix.Q4_0, QuantMix.Q3_K_L, QuantMix.Q3_K_M, QuantMix.Q3_K_S, QuantMix.Q2_K);

    /** What a report compares by default: the float reference, the legacy types and llama.cpp's common k-quant mixes. */
    private static final List<QuantMix> REPORTED = List.of(QuantMix.F16, QuantMix.Q8_0, QuantMix.Q6_K, QuantMix.Q5_K_M,
            QuantMix.Q5_0, QuantMix.Q4_1, QuantMix.Q4_K_M, QuantMix.Q4_0, QuantMix.Q3_K_M, QuantMix.Q2_K);

    private VariantFiles() {
    }

    /**
     * The variants a report on a {@code reference} file covers by default: the reference itself, then each
     * reported variant of lower precision (the report refuses one of higher precision than its reference).
     */
    public static List<QuantMix> reportedBelow(GgmlType reference) {
        QuantMix ref = QuantMix.of(reference).orElseThrow(() -> new IllegalArgumentException(reference + " cannot be a report's reference"));
        List<QuantMix> out = new java.util.ArrayList<>(List.of(ref));
        REPORTED.stream().filter(t -> BY_PRECISION.indexOf(t) > BY_PRECISION.indexOf(ref)).forEach(out::add);
        return List.copyOf(out);
    }

    /** The dominant weight type of {@code model} (ModelSummary's "quant"). */
    public static GgmlType typeOf(Path model) throws GgufFormatException {
        String quant = ModelSummary.of(GgufReader.read(model)).quant();
        return GgmlType.byName(quant).orElseThrow(() -> new GgufFormatException(model.getFileName()
                + ": its weights are " + quant + ", which the quantization report cannot use as its reference"));
    }

    /**
     * The mix {@code model} was written as: its {@code general.file_type} when that names a known mix, else the
     * plain mix of its dominant weight type.
     */
    public static QuantMix mixOf(Path model) throws GgufFormatException {
        GgufFile g = GgufReader.read(model);
        long fileType = g.integer("general.file_type").orElse(-1L);
        return Arrays.stream(QuantMix.values()).filter(m -> m.fileType() == fileType).findFirst()
                .or(() -> GgmlType.byName(ModelSummary.of(g).quant()).flatMap(QuantMix::of))
                .orElseThrow(() -> new GgufFormatException(model.getFileName() + ": file type " + fileType + " is no mix InferDeck knows"));
    }

    /** Refuses any variant of higher precision than the source ({@link #BY_PRECISION} places every mix). */
    public static void check(QuantMix source, List<QuantMix> wanted) {
        for (QuantMix t : wanted) {
            if (BY_PRECISION.indexOf(t) < BY_PRECISION.indexOf(source)) {
                throw new IllegalArgumentException(t + " is higher precision than the source (" + source
                        + "); start from a " + t + " file");
            }
        }
    }

    /** The {@code mix} variant of {@code source} (itself written as {@code sourceMix}): itself, or its sibling. */
    public static Path pathFor(Path source, QuantMix sourceMix, QuantMix mix) {
        return mix == sourceMix ? source : sibling(source, mix.name());
    }

    /** {@link #sibling(Path, String)} for a plain type. */
    public static Path sibling(Path model, GgmlType type) {
        return sibling(model, type.name());
    }

    /**
     * The file the {@code mixName} variant of {@code model} has: {@code stem-mixname.gguf} beside it, the stem being
     * the name without its type suffix as {@link ModelLibrary#stem} reads it (so {@link ModelLibrary#siblingsOf} finds it).
     */
    public static Path sibling(Path model, String mixName) {
        return model.resolveSibling(ModelLibrary.stem(model.getFileName().toString()) + "-" + mixName.toLowerCase(Locale.ROOT) + ".gguf");
    }

    /** {@code true} when the variant was written now; an existing valid file of the right mix is kept. */
    public static boolean ensure(Path source, Path variant, QuantMix mix, QuantizeProgress progress)
            throws IOException, GgufFormatException {
        if (Files.isRegularFile(variant)) {
            try {
                if (mixOf(variant) == mix) {
                    return false;
                }
            } catch (GgufFormatException corrupt) {
                // rewritten below
            }
        }
        Quantizer.quantize(source, variant, mix, false, progress);
        return true;
    }
}
