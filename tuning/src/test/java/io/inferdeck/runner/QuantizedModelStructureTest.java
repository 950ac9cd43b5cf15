package io.inferdeck.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.GgufTensorInfo;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.tuning.quant.QuantMix;
import io.inferdeck.tuning.quant.QuantizeProgress;
import io.inferdeck.tuning.quant.Quantizer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stand-in for a llama.cpp load test of quantizer output (the runner's own test tree proves llama.cpp
 * loads every generator variant): the quantized file has the source's tensor names and shapes, the
 * requested types, and — because the generator encodes the same F32 rows with the same codec — is
 * byte-identical to the generator's own variant of that type, hence loads wherever that one does.
 */
class QuantizedModelStructureTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F16", "Q8_0", "Q4_0", "Q4_1", "Q5_0"})
    void quantizedFileHasTheSourceShapeAndIsTheGeneratorsVariant(GgmlType type) throws Exception {
        Path f32 = dir.resolve("tiny-f32.gguf");
        Path quantized = dir.resolve("tiny-quantized.gguf");
        Path generated = dir.resolve("tiny-generated.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.F32, f32);
        ModelGenerator.write(LlamaModelSpec.TINY, type, generated);
        // pure: the generator writes every weight in one type; llama.cpp's default mix would give output.weight Q8_0/Q6_K
        Quantizer.quantize(f32, quantized, QuantMix.of(type).orElseThrow(), true, QuantizeProgress.NONE);

        GgufFile src = GgufReader.read(f32);
        GgufFile q = GgufReader.read(quantized);
        assertThat(q.tensors()).extracting(GgufTensorInfo::name).containsExactlyElementsOf(
                src.tensors().stream().map(GgufTensorInfo::name).toList());
        for (GgufTensorInfo t : q.tensors()) {
            GgufTensorInfo s = src.tensor(t.name()).orElseThrow();
            assertThat(t.dims()).isEqualTo(s.dims());
            assertThat(t.type()).as(t.name()).isEqualTo(s.dims().length >= 2 ? type : GgmlType.F32);
        }
        assertThat(q.metadata().keySet()).containsExactlyElementsOf(src.metadata().keySet());
        assertThat(Files.mismatch(quantized, generated)).isEqualTo(-1L);
    }
}
