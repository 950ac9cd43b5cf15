package io.inferdeck.tuning.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufReader;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Fit to GPUs" on header-only GGUFs (no tensor data): each plan fits with the headroom and is maximal,
 * i.e. one more layer (at the floor context) or one more context step would not.
 */
class AutoFitTest {
    static final long GIB = 1L << 30;
    static final int STEP = AutoFit.CONTEXT_STEP;

    @TempDir
    static java.nio.file.Path dir;
    static ModelShape llama7b, llama70b;

    @BeforeAll
    static void shapes() throws Exception {
        llama7b = ModelShape.from(GgufReader.read(LlamaShapes.llama7b(dir, GgmlType.F16)));
        // Llama-2 70B: 80 layers, 8192 embedding, 64 heads with 8 KV heads (GQA), 28672 feed-forward
        llama70b = ModelShape.from(GgufReader.read(LlamaShapes.write(dir.resolve("llama-70b-q8_0.gguf"), GgmlType.Q8_0,
                80, 8192, 64, 8, 28672, 32000)));
    }

    /** The 8-GPU NVML stand-in's free memory (gpu-monitor's EightGpus): 80 GiB + i, less reserved and used. */
    static List<Long> eightStandinGpus() {
        return IntStream.range(0, 8).mapToObj(i -> (85_899_345_920L + i) - (536_870_912L + 17L * i)
                - (5_000_000_000L + i * 1_000_000_007L)).toList();
    }

    @Test
    void an8GiBGpuTakesAsManyLayersOfA7bF16AsFitAtTheFloorContextAndNoMore() {
        FitSettings base = FitSettings.builder().build();
        AutoFit.FitPlan plan = AutoFit.fit(llama7b, base, List.of(8 * GIB), 0);
        assertThat(plan.gpuLayers()).isBetween(1, 32);
        assertThat(plan.contextTotal()).isEqualTo(4096);   // the floor is the trained context here: nothing to grow into
        assertThat(plan.estimate().verdict()).isEqualTo(FitVerdict.FITS);
        assertThat(verdict(llama7b, settings(plan.gpuLayers() + 1, 4096, 1), List.of(8 * GIB))).isNotEqualTo(FitVerdict.FITS);
        GpuMemory gpu = plan.estimate().gpus().getFirst();
        assertThat(gpu.layers() + (gpu.holdsOutput() ? 1 : 0)).isEqualTo(plan.gpuLayers()).isEqualTo(plan.estimate().offloadedLayers());
        assertThat(gpu.weightBytes()).isPositive();
        assertThat(gpu.kvBytes()).isPositive();
        assertThat(gpu.computeBytes()).isPositive();
        assertThat(gpu.headroomBytes()).isGreaterThanOrEqualTo((long) (FitVerdict.TIGHT_HEADROOM * 8 * GIB));
    }

    @Test
    void a24GiBGpuHoldsAllOf7bAndTheLargestContextForFourSlotsThatFits() {
        FitSettings base = FitSettings.builder().parallel(4).build();
        AutoFit.FitPlan plan = AutoFit.fit(llama7b, base, List.of(24 * GIB), 0);
        assertThat(plan.gpuLayers()).isEqualTo(33);
        assertThat(plan.parallel()).isEqualTo(4);
        assertThat(plan.contextTotal() % (4 * STEP)).isZero();
        assertThat(plan.contextTotal()).isLessThan(4 * 4096);   // 4 x 4096 would need 8 GiB of F16 KV on top of 13.5 GB
        assertThat(plan.estimate().verdict()).isEqualTo(FitVerdict.FITS);
        assertThat(verdict(llama7b, settings(33, plan.contextTotal() + 4 * STEP, 4), List.of(24 * GIB))).isNotEqualTo(FitVerdict.FITS);
    }

    @Test
    void theEightGpuStandinHoldsAll70bLayersAtTheTrainedContextWithEveryGpuInTheBar() {
        FitSettings base = FitSettings.builder().parallel(8).build();
        AutoFit.FitPlan plan = AutoFit.fit(llama70b, base, eightStandinGpus(), 0);
        assertThat(plan.gpuLayers()).isEqualTo(81);
        assertThat(plan.contextTotal()).isEqualTo(8 * 4096);   // capped by the trained context per slot
        assertThat(plan.estimate().gpus()).hasSize(8).allSatisfy(g -> {
            assertThat(g.layers()).isPositive();
            assertThat(g.weightBytes()).isPositive();
            assertThat(g.kvBytes()).isPositive();
            assertThat(g.verdict()).isEqualTo(FitVerdict.FITS);
        });
        assertThat(plan.estimate().gpus().stream().mapToInt(GpuMemory::layers).sum()).isEqualTo(80);
    }

    @Test
    void withTooLittleMemoryNothingIsOffloadedAndTheContextStaysOnTheHost() {
        AutoFit.FitPlan plan = AutoFit.fit(llama7b, FitSettings.builder().build(), List.of(GIB / 4), 0);
        assertThat(plan.gpuLayers()).isZero();
        assertThat(plan.estimate().offloadedLayers()).isZero();
        assertThat(plan.estimate().hostKvBytes()).isPositive();
    }

    private static FitSettings settings(int layers, int ctx, int parallel) {
        return FitSettings.builder().gpuLayers(layers).context(ctx).parallel(parallel).build();
    }

    private static FitVerdict verdict(ModelShape m, FitSettings s, List<Long> free) {
        return MemoryFitEstimator.estimate(m, s, free).verdict();
    }
}
