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
 * InferDeck's GGUF quantizer: F32/F16/BF16 weights → any {@link QuantMix} — the plain types F16, BF16,
 * Q8_0, Q4_0, Q4_1, Q5_0, Q5_1 and llama.cpp's k-quant mixes Q2_K, Q3_K_S/M/L, Q4_K_S/M, Q5_K_S/M, Q6_K —
 * in ggml's block layouts (see {@code GgmlCodec}). Which type each tensor gets is {@link TensorTypePlan}'s
 * (llama.cpp's per-tensor rules; {@code pure} turns them off). Metadata is copied in order, with
 * {@code general.file_type} set for the mix.
 *
 * <p>Streaming: one row chunk (~1 MiB) in memory at a time. The output appears atomically (GgufWriter's
 * temp + rename), so a failure leaves no partial file. Stateless and thread-safe.
 */
public final class Quantizer {
    /** Single types the quantizer can write as a whole-file target (the k-quants come as {@link QuantMix}es). */
    public static final Set<GgmlType> TARGETS = EnumSet.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16,
            GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_1, GgmlType.Q5_0);
    /**
     * The float types weights are quantized from, highest precision first: the one order in which a source is
     * picked when several are at hand (F16 keeps more mantissa than BF16, so it ranks above it).
     */
    public static final List<GgmlType> FLOAT_SOURCES = List.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16);

    private Quantizer() {
    }

    /** Tensor data bytes a {@code target} variant of {@code source} will hold (alignment padding excluded). */
    public static long plannedDataBytes(GgufFile source, GgmlType target) {
        return plannedDataBytes(source, mixOf(target), false);
    }

    public static long plannedDataBytes(GgufFile source, QuantMix mix, boolean pure) {
        TensorTypePlan plan = new TensorTypePlan(source, mix, pure);
        return source.tensors().stream().mapToLong(t -> plan.typeOf(t).bytesFor(t.elements())).sum();
    }

    /** {@link #quantize(Path, Path, QuantMix, boolean, QuantizeProgress)} with llama.cpp's rules for that type. */
    public static QuantizeResult quantize(Path in, Path out, GgmlType target, QuantizeProgress progress)
            throws IOException, GgufFormatException {
        return quantize(in, out, mixOf(target), false, progress);
    }

    /**
     * Writes {@code out} as the {@code mix} variant of {@code in}; {@code pure} writes every quantized weight
     * in the mix's base type (llama-quantize's {@code --pure}).
     *
     * @throws GgufFormatException      {@code in} is not a valid GGUF file
     * @throws IllegalArgumentException {@code in} has no float weights, or in == out
     */
    public static QuantizeResult quantize(Path in, Path out, QuantMix mix, boolean pure, QuantizeProgress progress)
            throws IOException, GgufFormatException {
        GgufFile src = GgufReader.read(in);
        if (Files.exists(out) && Files.isSameFile(in, out)) {
            throw new IllegalArgumentException("output must be a different file than the input");
        }
        List<GgufTensorInfo> tensors = src.tensors();
        if (tensors.stream().noneMatch(TensorTypePlan::quantizable)) {
            throw new IllegalArgumentException(in.getFileName() + " has no F32/F16/BF16 weight tensors to quantize;"
                    + " start from a higher-precision file");
        }
        TensorTypePlan plan = new TensorTypePlan(src, mix, pure);
        GgufWriter w = new GgufWriter();
        for (Map.Entry<String, GgufValue> e : src.metadata().entrySet()) {
            if (!e.getKey().equals("general.alignment")) {
                w.put(e.getKey(), e.getValue());
            }
        }
        w.put("general.file_type", GgufValue.u32(mix.fileType()));
        long total = tensors.stream().mapToLong(GgufTensorInfo::byteSize).sum();
        long[] done = {0};
        int converted = 0;
        try (FileChannel ch = FileChannel.open(in, StandardOpenOption.READ)) {
            for (GgufTensorInfo t : tensors) {
                TensorRows rows = new TensorRows(ch, src.absoluteOffset(t), t, n -> progress.update(done[0] += n, total));
                GgmlType type = plan.typeOf(t);
                if (TensorTypePlan.quantizable(t) && (type != t.type() || !mix.base().quantized())) {
                    w.tensor(t.name(), t.dims(), type, rows.decodedRows());
                    converted++;
                } else {
                    w.tensor(t.name(), t.dims(), t.type(), rows.rawBytes());
                }
            }
            w.writeTo(out);
        }
        progress.update(total, total);
        return new QuantizeResult(out, mix.base(), converted, tensors.size() - converted, src.fileSize(), Files.size(out));
    }

    private static QuantMix mixOf(GgmlType target) {
        return QuantMix.of(target).orElseThrow(() -> new IllegalArgumentException("cannot quantize to " + target
                + "; supported: " + java.util.Arrays.toString(QuantMix.values())));
    }
}
