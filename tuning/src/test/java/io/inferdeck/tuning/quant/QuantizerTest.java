package io.inferdeck.tuning.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.GgufTensorInfo;
import io.inferdeck.gguf.GgufValue;
import io.inferdeck.gguf.GgufWriter;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QuantizerTest {
    @TempDir
    static Path dir;
    static Path f32;

    @BeforeAll
    static void generateSource() throws Exception {
        f32 = dir.resolve("tiny-f32.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.F32, f32);
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0"})
    void everyWeightIsWithinTheFormatsBoundOfTheSource(GgmlType type) throws Exception {
        Path out = dir.resolve("tiny-" + type + ".gguf");
        List<long[]> progress = new ArrayList<>();
        QuantizeResult r = Quantizer.quantize(f32, out, type, (d, t) -> progress.add(new long[] {d, t}));

        GgufFile src = GgufReader.read(f32);
        GgufFile q = GgufReader.read(out);
        assertThat(q.integer("general.file_type")).hasValue(type.llamaFileType());
        assertThat(r.tensorsConverted()).isEqualTo(2 + LlamaModelSpec.TINY.layers() * 7);
        for (GgufTensorInfo s : src.tensors()) {
            GgufTensorInfo t = q.tensor(s.name()).orElseThrow();
            assertThat(t.dims()).isEqualTo(s.dims());
            assertThat(t.type()).as(s.name()).isEqualTo(expectedType(s, type));
            float[] x = TensorReader.decode(src, s.name());
            float[] y = TensorReader.decode(q, s.name());
            int block = t.type().blockSize();
            for (int i = 0; i < x.length; i++) {
                double limit = TensorReader.bound(t.type(), x, i - i % block, i % block);
                if (Math.abs((double) y[i] - x[i]) > limit + 1e-30) {
                    throw new AssertionError(s.name() + "[" + i + "]: " + y[i] + " vs " + x[i] + " exceeds " + limit);
                }
            }
        }
        assertThat(progress).isNotEmpty();
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i)[0]).isGreaterThanOrEqualTo(progress.get(i - 1)[0]);
        }
        assertThat(progress.getLast()[0]).isEqualTo(progress.getLast()[1]);
    }

    /**
     * llama.cpp's rule for legacy 4/5-bit files: output.weight gets Q6_K, or Q8_0 when its rows (64 values in
     * the tiny model) don't fill Q6_K's 256-value blocks; everything else is the target.
     */
    private static GgmlType expectedType(GgufTensorInfo s, GgmlType target) {
        if (s.dims().length == 1) {
            return GgmlType.F32;
        }
        boolean legacyLowBit = target == GgmlType.Q4_0 || target == GgmlType.Q4_1 || target == GgmlType.Q5_0;
        return legacyLowBit && s.name().equals("output.weight") ? GgmlType.Q8_0 : target;
    }

    @Test
    void oddRowLengthsAndOneDimensionalTensorsAreKeptAsTheyAre() throws Exception {
        Path in = dir.resolve("mixed.gguf");
        new GgufWriter().put("general.architecture", GgufValue.str("llama"))
                .tensor("odd.weight", new long[] {48, 4}, GgmlType.F32, (i, row) -> java.util.Arrays.fill(row, i))
                .tensor("half.weight", new long[] {64, 2}, GgmlType.F16, (i, row) -> java.util.Arrays.fill(row, 0.5f))
                .tensor("blk.0.attn_norm.weight", new long[] {64}, GgmlType.F32, (i, row) -> java.util.Arrays.fill(row, 1f))
                .writeTo(in);
        QuantizeResult r = Quantizer.quantize(in, dir.resolve("mixed-q4.gguf"), GgmlType.Q4_0, QuantizeProgress.NONE);
        GgufFile q = GgufReader.read(r.output());
        assertThat(q.tensor("odd.weight").orElseThrow().type()).isEqualTo(GgmlType.F32);
        assertThat(q.tensor("half.weight").orElseThrow().type()).isEqualTo(GgmlType.Q4_0);
        assertThat(q.tensor("blk.0.attn_norm.weight").orElseThrow().type()).isEqualTo(GgmlType.F32);
        assertThat(TensorReader.decode(q, "odd.weight")).containsExactly(TensorReader.decode(GgufReader.read(in), "odd.weight"));
        assertThat(r.tensorsConverted()).isOne();
        assertThat(r.tensorsKept()).isEqualTo(2);
    }

    @Test
    void corruptInputIsRefusedAndLeavesNoFile() throws Exception {
        Path bad = dir.resolve("bad").resolve("corrupt.gguf");
        Files.createDirectories(bad.getParent());
        byte[] head = Files.readAllBytes(f32);
        Files.write(bad, java.util.Arrays.copyOf(head, head.length / 2)); // truncated mid-data
        Path out = bad.resolveSibling("out.gguf");
        assertThatThrownBy(() -> Quantizer.quantize(bad, out, GgmlType.Q8_0, QuantizeProgress.NONE))
                .isInstanceOf(GgufFormatException.class).hasMessageContaining("truncated");
        try (Stream<Path> files = Files.list(bad.getParent())) {
            assertThat(files).containsExactly(bad);
        }
    }

    @Test
    void alreadyQuantizedInputIsRefused() throws Exception {
        Path q4 = dir.resolve("refuse-q4.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, q4);
        Path out = dir.resolve("never.gguf");
        assertThatThrownBy(() -> Quantizer.quantize(q4, out, GgmlType.Q8_0, QuantizeProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no F32/F16/BF16 weight");
        assertThat(out).doesNotExist();
    }

    @Test
    void unsupportedTargetsAndSameFileAreRefused() {
        assertThatThrownBy(() -> Quantizer.quantize(f32, dir.resolve("k.gguf"), GgmlType.IQ2_XXS, QuantizeProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot quantize to IQ2_XXS");
        assertThatThrownBy(() -> Quantizer.quantize(f32, f32, GgmlType.Q8_0, QuantizeProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different file");
    }

    @Test
    void plannedDataBytesMatchWhatIsWritten() throws Exception {
        Path out = dir.resolve("planned-q5.gguf");
        Quantizer.quantize(f32, out, GgmlType.Q5_0, QuantizeProgress.NONE);
        GgufFile q = GgufReader.read(out);
        long written = q.tensors().stream().mapToLong(GgufTensorInfo::byteSize).sum();
        assertThat(Quantizer.plannedDataBytes(GgufReader.read(f32), GgmlType.Q5_0)).isEqualTo(written);
    }
}
