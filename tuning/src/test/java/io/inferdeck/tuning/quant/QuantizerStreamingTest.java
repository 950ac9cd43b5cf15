package io.inferdeck.tuning.quant;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.GgufValue;
import io.inferdeck.gguf.GgufWriter;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QuantizerStreamingTest {
    @TempDir
    Path dir;

    @Test
    void aModelLargerThanTheHeapIsQuantizedInAChildJvmWith24MiB() throws Exception {
        Path in = dir.resolve("big-f32.gguf");
        new GgufWriter().put("general.architecture", GgufValue.str("llama"))
                .tensor("big.weight", new long[] {4096, 4096}, GgmlType.F32, (i, row) -> java.util.Arrays.fill(row, i % 7 - 3))
                .writeTo(in); // 64 MiB of tensor data
        Path out = dir.resolve("big-q8_0.gguf");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx24m",
                "-cp", System.getProperty("java.class.path"), QuantizeInChild.class.getName(), in.toString(), out.toString(), "Q8_0")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        GgufFile q = GgufReader.read(out);
        assertThat(q.tensor("big.weight").orElseThrow().type()).isEqualTo(GgmlType.Q8_0);
        assertThat(Files.size(in)).isGreaterThan(64L << 20);
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F16", "BF16"})
    void halfPrecisionSourcesAreDecodedBeforeQuantizing(GgmlType source) throws Exception {
        Path in = dir.resolve("tiny-" + source + ".gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, source, in);
        Path out = dir.resolve("tiny-" + source + "-q4_1.gguf");
        Quantizer.quantize(in, out, GgmlType.Q4_1, QuantizeProgress.NONE);
        GgufFile src = GgufReader.read(in);
        GgufFile q = GgufReader.read(out);
        float[] x = TensorReader.decode(src, "blk.1.ffn_down.weight");
        float[] y = TensorReader.decode(q, "blk.1.ffn_down.weight");
        for (int i = 0; i < x.length; i++) {
            double limit = TensorReader.bound(GgmlType.Q4_1, x, i - i % 32, i % 32);
            if (Math.abs((double) y[i] - x[i]) > limit + 1e-30) {
                throw new AssertionError("element " + i + ": " + y[i] + " vs " + x[i]);
            }
        }
        assertThat(q.tensor("blk.1.ffn_down.weight").orElseThrow().type()).isEqualTo(GgmlType.Q4_1);
    }
}
