package io.inferdeck.tuning.quality;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.gguf.ModelSummary;
import io.inferdeck.tuning.quant.QuantizeProgress;
import io.inferdeck.tuning.quant.Quantizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where each quantization variant of a model lives: beside the source, same name with the type suffix
 * swapped ({@code model-f32.gguf} → {@code model-q4_0.gguf}; {@code model.gguf} → {@code model-q4_0.gguf}).
 * A missing or unreadable variant is written by {@link Quantizer} from the source (atomically).
 */
public final class VariantFiles {
    /** Highest precision first (the quantizer's float sources, then its block types): the order the report lists variants in. */
    public static final List<GgmlType> BY_PRECISION = Stream.concat(Quantizer.FLOAT_SOURCES.stream(),
            Stream.of(GgmlType.Q8_0, GgmlType.Q5_0, GgmlType.Q4_1, GgmlType.Q4_0)).toList();

    /** What a report compares by default: the float reference and the block types below it. */
    private static final List<GgmlType> REPORTED = List.of(GgmlType.F16, GgmlType.Q8_0, GgmlType.Q5_0, GgmlType.Q4_1, GgmlType.Q4_0);

    private VariantFiles() {
    }

    /**
     * The variants a report on a {@code reference} file covers by default: the reference itself, then each
     * reported type of lower precision (the report refuses one of higher precision than its reference).
     */
    public static List<GgmlType> reportedBelow(GgmlType reference) {
        List<GgmlType> out = new java.util.ArrayList<>(List.of(reference));
        REPORTED.stream().filter(t -> BY_PRECISION.indexOf(t) > BY_PRECISION.indexOf(reference)).forEach(out::add);
        return List.copyOf(out);
    }

    /** The dominant weight type of {@code model} (ModelSummary's "quant"). */
    public static GgmlType typeOf(Path model) throws GgufFormatException {
        String quant = ModelSummary.of(GgufReader.read(model)).quant();
        return GgmlType.byName(quant).orElseThrow(() -> new GgufFormatException(model.getFileName()
                + ": its weights are " + quant + ", which the quantization report cannot use as its reference"));
    }

    /** Refuses variants the quantizer cannot write and any of higher precision than the source. */
    public static void check(GgmlType source, List<GgmlType> wanted) {
        if (!BY_PRECISION.contains(source)) {
            throw new IllegalArgumentException("the source model is " + source + "; the report needs an F32, F16 or BF16 "
                    + "(or at least " + BY_PRECISION.getLast() + ") source");
        }
        for (GgmlType t : wanted) {
            if (!BY_PRECISION.contains(t)) {
                throw new IllegalArgumentException("cannot make a " + t + " variant; choose from " + BY_PRECISION);
            }
            if (BY_PRECISION.indexOf(t) < BY_PRECISION.indexOf(source)) {
                throw new IllegalArgumentException(t + " is higher precision than the source (" + source
                        + "); start from a " + t + " file");
            }
        }
    }

    /** The {@code type} variant of {@code source} (whose own weights are {@code sourceType}): itself, or its sibling. */
    public static Path pathFor(Path source, GgmlType sourceType, GgmlType type) {
        return type == sourceType ? source : sibling(source, type);
    }

    /**
     * The file the {@code type} variant of {@code model} has: {@code stem-type.gguf} beside it, the stem being the
     * name without its type suffix as {@link ModelLibrary#stem} reads it (so {@link ModelLibrary#siblingsOf} finds it).
     */
    public static Path sibling(Path model, GgmlType type) {
        return model.resolveSibling(ModelLibrary.stem(model.getFileName().toString()) + "-" + type.name().toLowerCase(Locale.ROOT) + ".gguf");
    }

    /** {@code true} when the variant was written now; an existing valid file of the right type is kept. */
    public static boolean ensure(Path source, Path variant, GgmlType type, QuantizeProgress progress)
            throws IOException, GgufFormatException {
        if (Files.isRegularFile(variant)) {
            try {
                if (typeOf(variant) == type) {
                    return false;
                }
            } catch (GgufFormatException corrupt) {
                // rewritten below
            }
        }
        Quantizer.quantize(source, variant, type, progress);
        return true;
    }
}
