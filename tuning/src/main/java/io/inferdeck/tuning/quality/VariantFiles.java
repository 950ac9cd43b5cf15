package io.inferdeck.tuning.quality;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.ModelSummary;
import io.inferdeck.tuning.quant.QuantizeProgress;
import io.inferdeck.tuning.quant.Quantizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where each quantization variant of a model lives: beside the source, same name with the type suffix
 * swapped ({@code model-f32.gguf} → {@code model-q4_0.gguf}; {@code model.gguf} → {@code model-q4_0.gguf}).
 * A missing or unreadable variant is written by {@link Quantizer} from the source (atomically).
 */
public final class VariantFiles {
    /** Highest precision first: the order the report lists variants in. */
    public static final List<GgmlType> BY_PRECISION = List.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0,
            GgmlType.Q5_0, GgmlType.Q4_1, GgmlType.Q4_0);

    private VariantFiles() {
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

    public static Path pathFor(Path source, GgmlType sourceType, GgmlType type) {
        String name = source.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".gguf") ? name.substring(0, name.length() - 5) : name;
        String suffix = sourceType.name().toLowerCase(Locale.ROOT);
        String lower = stem.toLowerCase(Locale.ROOT);
        for (String sep : List.of("-", ".", "_")) {
            if (lower.endsWith(sep + suffix)) {
                stem = stem.substring(0, stem.length() - suffix.length() - 1);
                break;
            }
        }
        if (type == sourceType) {
            return source;
        }
        return source.resolveSibling(stem + "-" + type.name().toLowerCase(Locale.ROOT) + ".gguf");
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
