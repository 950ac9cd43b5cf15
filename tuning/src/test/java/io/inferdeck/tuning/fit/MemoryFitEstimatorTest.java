package io.inferdeck.tuning.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Llama-2 7B shape (header-only sparse GGUF) against numbers computed by hand in the comments. */
class MemoryFitEstimatorTest {
    static final long GIB = 1L << 30, MIB = 1L << 20;
    // F16 layer: q,k,v,o 4 x 4096x4096x2 + gate,up,down 3 x 4096x11008x2 = 404,750,336 matrix; 2 norms 2x4096x4 = 32,768.
    static final long LAYER_MATRIX_F16 = 4L * 4096 * 4096 * 2 + 3L * 4096 * 11008 * 2;
    static final long LAYER_F16 = 404_783_104L;
    static final long OUTPUT_F16 = 262_160_384L;   // output 4096x32000x2 + output_norm 4096x4
    static final long EMBED_F16 = 262_144_000L;    // token_embd 4096x32000x2, always host
    static final long KV_LAYER_F16_4K = 67_108_864L; // 2 (K,V) x 4096 ctx x 4096 kv dim x 2 bytes
    // Compute, ubatch 512, FA off: KQ 512x4096x32x4 = 268,435,456 > logits 512x32000x4; + activations 512x(3x4096+2x11008)x4.
    static final long COMPUTE = 268_435_456L + 70_254_592L;

    @TempDir
    static Path dir;
    static ModelShape f16;

    @BeforeAll
    static void shapes() throws Exception {
        Path file = LlamaShapes.llama7b(dir, GgmlType.F16);
        GgufFile g = GgufReader.read(file);
        assertThat(g.fileSize()).isGreaterThan(13_000_000_000L);
        assertThat(Files.size(file)).isEqualTo(g.fileSize());
        f16 = ModelShape.from(g);
    }

    @Test
    void shapeIsReadFromTheHeader() {
        assertThat(LAYER_MATRIX_F16 + 2 * 4096 * 4).isEqualTo(LAYER_F16);
        assertThat(f16.layers()).isEqualTo(32);
        assertThat(f16.vocab()).isEqualTo(32000);
        assertThat(f16.keyLength()).isEqualTo(128);
        assertThat(f16.layerBytes(7)).isEqualTo(LAYER_F16);
        assertThat(f16.layerMatrixBytes()[7]).isEqualTo(LAYER_MATRIX_F16);
        assertThat(f16.inputBytes()).isEqualTo(EMBED_F16);
        assertThat(f16.outputMatrixBytes() + f16.outputOtherBytes()).isEqualTo(OUTPUT_F16);
        assertThat(f16.weightBytes()).isEqualTo(13_477_363_712L); // the familiar "13.5 GB" of a 7B F16 file
    }

    @Test
    void f16KvCacheAtCtx4096IsTwoGib() {
        MemoryEstimate e = MemoryFitEstimator.estimate(f16, FitSettings.builder().context(4096).build(), List.of(24 * GIB));
        assertThat(e.kvBytesTotal()).isEqualTo(2L * 32 * 4096 * 4096 * 2).isEqualTo(2 * GIB);
    }

    @Test
    void parallelSlotsShareTheTotalContextInsteadOfMultiplyingTheCache() {
        MemoryEstimate e = MemoryFitEstimator.estimate(f16, FitSettings.builder().context(8192).parallel(4)
                .cacheTypes(GgmlType.Q8_0, GgmlType.Q8_0).flashAttention(true).build(), List.of(24 * GIB));
        // Q8_0: 34 bytes per 32 elements; 2 x 32 layers x 8192 x 4096 / 32 x 34
        assertThat(e.kvBytesTotal()).isEqualTo(2L * 32 * (8192L * 4096 / 32 * 34)).isEqualTo(2_281_701_376L);
        assertThat(e.contextPerSlot()).isEqualTo(2048);
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void singleGpuVerdictsFitsTightWillNotFit() {
        FitSettings s = FitSettings.builder().context(4096).build();
        long needed = 32 * LAYER_F16 + OUTPUT_F16 + 2 * GIB + COMPUTE + 256 * MIB; // 15,969,828,864
        MemoryEstimate roomy = MemoryFitEstimator.estimate(f16, s, List.of(24 * GIB));
        GpuMemory g = roomy.gpus().getFirst();
        assertThat(g.weightBytes()).isEqualTo(32 * LAYER_F16 + OUTPUT_F16);
        assertThat(g.kvBytes()).isEqualTo(2 * GIB);
        assertThat(g.computeBytes()).isEqualTo(COMPUTE);
        assertThat(g.totalBytes()).isEqualTo(needed).isEqualTo(15_969_828_864L);
        assertThat(roomy.verdict()).isEqualTo(FitVerdict.FITS);
        assertThat(roomy.hostWeightBytes()).isEqualTo(EMBED_F16);
        assertThat(roomy.offloadedLayers()).isEqualTo(33);
        // 16 GiB free leaves 1.21 GB = 7% headroom: tight. 12 GiB: does not fit.
        assertThat(MemoryFitEstimator.estimate(f16, s, List.of(16 * GIB)).verdict()).isEqualTo(FitVerdict.TIGHT);
        assertThat(MemoryFitEstimator.estimate(f16, s, List.of(12 * GIB)).verdict()).isEqualTo(FitVerdict.WILL_NOT_FIT);
    }

    @Test
    void tensorSplitThreeToOneGivesLayers0To24ToTheFirstGpu() {
        // Cumulative split [0.75, 1]; layer il goes to GPU0 while il/33 < 0.75, i.e. il <= 24; the output is layer 32.
        FitSettings s = FitSettings.builder().tensorSplit(List.of(3.0, 1.0)).build();
        MemoryEstimate e = MemoryFitEstimator.estimate(f16, s, List.of(24 * GIB, 24 * GIB));
        GpuMemory g0 = e.gpus().get(0), g1 = e.gpus().get(1);
        assertThat(g0.layers()).isEqualTo(25);
        assertThat(g1.layers()).isEqualTo(7);
        assertThat(g1.holdsOutput()).isTrue();
        assertThat(g0.weightBytes()).isEqualTo(25 * LAYER_F16);
        assertThat(g1.weightBytes()).isEqualTo(7 * LAYER_F16 + OUTPUT_F16);
        assertThat(g0.kvBytes()).isEqualTo(25 * KV_LAYER_F16_4K);
        assertThat(g1.kvBytes()).isEqualTo(7 * KV_LAYER_F16_4K);
        assertThat(g0.computeBytes()).isEqualTo(COMPUTE);
        assertThat(g1.computeBytes()).isEqualTo(COMPUTE);
    }

    @Test
    void withoutTensorSplitLayersFollowFreeMemoryLikeLlamaCpp() {
        MemoryEstimate e = MemoryFitEstimator.estimate(f16, FitSettings.builder().build(), List.of(30 * GIB, 10 * GIB));
        assertThat(e.gpus().get(0).layers()).isEqualTo(25); // same 3:1 proportions, from free memory
    }

    @Test
    void partialOffloadPutsTheLastLayersAndTheOutputOnTheGpu() {
        // --gpu-layers 20 of 33: first offloaded index 33-20 = 13, so blocks 13..31 (19) + output.
        MemoryEstimate e = MemoryFitEstimator.estimate(f16, FitSettings.builder().gpuLayers(20).build(), List.of(24 * GIB));
        GpuMemory g = e.gpus().getFirst();
        assertThat(g.layers()).isEqualTo(19);
        assertThat(g.weightBytes()).isEqualTo(19 * LAYER_F16 + OUTPUT_F16);
        assertThat(g.kvBytes()).isEqualTo(19 * KV_LAYER_F16_4K);
        assertThat(e.hostWeightBytes()).isEqualTo(EMBED_F16 + 13 * LAYER_F16);
        assertThat(e.hostKvBytes()).isEqualTo(13 * KV_LAYER_F16_4K);
        assertThat(e.offloadedLayers()).isEqualTo(20);
        assertThat(e.hostComputeBytes()).isEqualTo(COMPUTE); // CPU layers need their own scratch
    }

    @Test
    void rowSplitSpreadsMatricesButNotNormsOrCache() {
        FitSettings s = FitSettings.builder().splitMode(SplitMode.ROW).tensorSplit(List.of(1.0, 1.0)).build();
        MemoryEstimate e = MemoryFitEstimator.estimate(f16, s, List.of(24 * GIB, 24 * GIB));
        long matrices = 32 * LAYER_MATRIX_F16 + 4096L * 32000 * 2;
        long all = e.gpus().get(0).weightBytes() + e.gpus().get(1).weightBytes();
        assertThat(all).isEqualTo(32 * LAYER_F16 + OUTPUT_F16);
        // Split points [0.5, 1]: il/33 < 0.5 for il <= 16, so layers 0..16 sit on GPU0, 17..31 + output on
        // GPU1; every matrix is halved, while norms and KV follow their layer.
        assertThat(e.gpus().get(0).weightBytes()).isEqualTo(matrices / 2 + 17 * 2 * 4096 * 4);
        assertThat(e.gpus().get(0).kvBytes()).isEqualTo(17 * KV_LAYER_F16_4K);
        assertThat(e.gpus().get(1).kvBytes()).isEqualTo(15 * KV_LAYER_F16_4K);
    }

    @Test
    void quantizedWeightsAndFlashAttentionShrinkTheFootprint() throws Exception {
        ModelShape q4 = ModelShape.from(GgufReader.read(LlamaShapes.llama7b(dir, GgmlType.Q4_0)));
        // Q4_0 (18 bytes per 32): attention 4 x 4096x4096/32x18 + ffn 3 x 4096x11008/32x18 + norms
        assertThat(q4.layerBytes(0)).isEqualTo(4L * 9_437_184 + 3L * 25_362_432 + 32_768).isEqualTo(113_868_800L);
        FitSettings fa = FitSettings.builder().flashAttention(true).build();
        GpuMemory g = MemoryFitEstimator.estimate(q4, fa, List.of(8 * GIB)).gpus().getFirst();
        // FA: attention scratch 512x32x128x4 < logits 512x32000x4 = 65,536,000
        assertThat(g.computeBytes()).isEqualTo(65_536_000L + 70_254_592L);
        assertThat(g.verdict()).isEqualTo(FitVerdict.FITS);
    }

    @Test
    void quantizedVCacheWithoutFlashAttentionIsFlagged() {
        FitSettings s = FitSettings.builder().cacheTypes(GgmlType.Q8_0, GgmlType.Q4_0).build();
        assertThat(MemoryFitEstimator.estimate(f16, s, List.of(24 * GIB)).warnings())
                .anyMatch(w -> w.contains("needs flash attention"));
    }

    @Test
    void noGpuKeepsEverythingOnTheHost() {
        MemoryEstimate e = MemoryFitEstimator.estimate(f16, FitSettings.builder().build(), List.of());
        assertThat(e.gpus()).isEmpty();
        assertThat(e.hostWeightBytes()).isEqualTo(f16.weightBytes());
        assertThat(e.hostKvBytes()).isEqualTo(2 * GIB);
        assertThat(e.warnings()).anyMatch(w -> w.contains("no GPU"));
    }

    @Test
    void settingsNamingMissingGpusAreRejected() {
        assertThatThrownBy(() -> MemoryFitEstimator.estimate(f16, FitSettings.builder().mainGpu(2).build(), List.of(GIB)))
                .hasMessageContaining("main GPU 2");
        assertThatThrownBy(() -> MemoryFitEstimator.estimate(f16, FitSettings.builder().tensorSplit(List.of(1.0, 1.0, 1.0)).build(),
                List.of(GIB, GIB))).hasMessageContaining("3 entries for 2 GPUs");
    }

    @Test
    void groupedQueryAttentionOfAGeneratedModel() throws Exception {
        Path tiny = dir.resolve("tiny.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, tiny);
        ModelShape m = ModelShape.from(GgufReader.read(tiny));
        // TINY: 2 layers, 2 of 4 heads for K/V, head dim 16: 2 x 2 x 1024 x 32 x 2 bytes
        MemoryEstimate e = MemoryFitEstimator.estimate(m, FitSettings.builder().context(1024).build(), List.of(GIB));
        assertThat(e.kvBytesTotal()).isEqualTo(2L * 2 * 1024 * 32 * 2);
        assertThat(m.weightBytes()).isEqualTo(GgufReader.read(tiny).tensors().stream().mapToLong(t -> t.byteSize()).sum());
    }
}
