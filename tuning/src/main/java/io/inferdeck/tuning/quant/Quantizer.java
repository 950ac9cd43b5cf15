package io.inferdeck.tuning.quant;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.GgufTensorInfo;
import io.inferdeck.gguf.GgufValue;
import io.inferdeck.gguf.GgufWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * InferDeck's GGUF quantizer: F32/F16/BF16 weights → F16, BF16, Q8_0, Q4_0, Q4_1 or Q5_0 in ggml's block
 * layouts (see {@code GgmlCodec}). Rules, following llama.cpp's {@code llama-quant.cpp} where it matters:
 * <ul>
 *   <li>tensors with 2+ dimensions and a float type are re-encoded into the target;</li>
 *   <li>1-D tensors (norms, biases), tensors llama.cpp never quantizes (norms, MoE routers, position
 *       embeddings, SSM state), non-float sources and rows whose length isn't a multiple of the target's
 *       block size are copied byte for byte;</li>
 *   <li>metadata is copied in order, with {@code general.file_type} set for the target.</li>
 * </ul>
 * Streaming: one row chunk (~1 MiB) in memory at a time. The output appears atomically (GgufWriter's
 * temp + rename), so a failure leaves no partial file. Stateless and thread-safe.
 */
public final class Quantizer {
    /** Types the quantizer can write. */
    public static final Set<GgmlType> TARGETS = EnumSet.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16,
            GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_1, GgmlType.Q5_0);
    /**
     * The float types weights are quantized from, highest precision first: the one order in which a source is
     * picked when several are at hand (F16 keeps more mantissa than BF16, so it ranks above it).
     */
    public static final List<GgmlType> FLOAT_SOURCES = List.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16);
    private static final List<String> NEVER_QUANTIZED = List.of("norm", "ffn_gate_inp.weight", "pos_embd",
            "token_types", "ssm_conv1d", "ssm_a", "ssm_d");

    private Quantizer() {
    }

    /** The type {@code t} gets in a {@code target} file (its own type when it is kept). */
    public static GgmlType plannedType(GgufTensorInfo t, GgmlType target) {
        boolean convert = t.dims().length >= 2
                && FLOAT_SOURCES.contains(t.type())
                && t.rowLength() % target.blockSize() == 0
                && NEVER_QUANTIZED.stream().noneMatch(t.name()::contains);
        return convert ? target : t.type();
    }

    /** Tensor data bytes a {@code target} variant of {@code source} will hold (alignment padding excluded). */
    public static long plannedDataBytes(GgufFile source, GgmlType target) {
        return source.tensors().stream().mapToLong(t -> plannedType(t, target).bytesFor(t.elements())).sum();
    }

    /**
     * Writes {@code out} as the {@code target} variant of {@code in}.
     *
     * @throws GgufFormatException      {@code in} is not a valid GGUF file
     * @throws IllegalArgumentException unsupported target, {@code in} has no float weights, or in == out
     */
    public static QuantizeResult quantize(Path in, Path out, GgmlType target, QuantizeProgress progress)
            throws IOException, GgufFormatException {
        if (!TARGETS.contains(target)) {
            throw new IllegalArgumentException("cannot quantize to " + target + "; supported: " + TARGETS);
        }
        GgufFile src = GgufReader.read(in);
        if (Files.exists(out) && Files.isSameFile(in, out)) {
            throw new IllegalArgumentException("output must be a different file than the input");
        }
        List<GgufTensorInfo> tensors = src.tensors();
        if (tensors.stream().noneMatch(Quantizer::isFloatWeight)) {
            throw new IllegalArgumentException(in.getFileName() + " has no F32/F16/BF16 weight tensors to quantize;"
                    + " start from a higher-precision file");
        }
        GgufWriter w = new GgufWriter();
        for (Map.Entry<String, GgufValue> e : src.metadata().entrySet()) {
            if (!e.getKey().equals("general.alignment")) {
                w.put(e.getKey(), e.getValue());
            }
        }
        w.put("general.file_type", GgufValue.u32(target.llamaFileType()));
        long total = tensors.stream().mapToLong(GgufTensorInfo::byteSize).sum();
        long[] done = {0};
        try (FileChannel ch = FileChannel.open(in, StandardOpenOption.READ)) {
            for (GgufTensorInfo t : tensors) {
                TensorRows rows = new TensorRows(ch, src.absoluteOffset(t), t, n -> progress.update(done[0] += n, total));
                GgmlType type = plannedType(t, target);
                if (isFloatWeight(t) && type == target) {
                    w.tensor(t.name(), t.dims(), type, rows.decodedRows());
                } else {
                    w.tensor(t.name(), t.dims(), t.type(), rows.rawBytes());
                }
            }
            w.writeTo(out);
        }
        progress.update(total, total);
        int convertedCount = (int) tensors.stream().filter(t -> isFloatWeight(t) && plannedType(t, target) == target).count();
        return new QuantizeResult(out, target, convertedCount, tensors.size() - convertedCount, src.fileSize(), Files.size(out));
    }

    private static boolean isFloatWeight(GgufTensorInfo t) {
        return t.dims().length >= 2 && FLOAT_SOURCES.contains(t.type());
    }
}
