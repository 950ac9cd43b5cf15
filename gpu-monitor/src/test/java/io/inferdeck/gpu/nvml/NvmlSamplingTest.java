package io.inferdeck.gpu.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.gpu.EnginePidRegistry;
import io.inferdeck.gpu.GpuProcess;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSampler;
import io.inferdeck.gpu.GpuSnapshot;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sampler thread driving the NVML source, and the checked-in sample config. */
class NvmlSamplingTest {

    @TempDir
    Path dir;

    @Test
    void samplerPublishesNvmlSnapshotsFromItsOwnThread() throws Exception {
        Standin.configure(Standin.FULL, dir, EightGpus.config());
        EnginePidRegistry engines = new EnginePidRegistry();
        NvmlGpuSource source = NvmlGpuSource.builder().library(Standin.FULL).pidLookup(engines).build();
        BlockingQueue<String> threads = new ArrayBlockingQueue<>(64);
        BlockingQueue<GpuSnapshot> snapshots = new ArrayBlockingQueue<>(64);
        try (GpuSampler sampler = GpuSampler.builder(source).rateHz(20).build()) {
            sampler.subscribe(Runnable::run, s -> {
                threads.offer(Thread.currentThread().getName());
                snapshots.offer(s);
            });
            sampler.start();
            GpuSnapshot first = snapshots.poll(5, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.gpus()).hasSize(8);
            assertThat(first.gpus().get(2).processes()).extracting(GpuProcess::engineName).containsOnlyNulls();

            engines.register(EightGpus.ENGINE_PID, EightGpus.ENGINE); // the supervisor starts an engine later
            GpuSnapshot withEngine = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (withEngine == null && System.nanoTime() < deadline) {
                GpuSnapshot s = snapshots.poll(100, TimeUnit.MILLISECONDS);
                if (s != null && EightGpus.ENGINE.equals(s.gpus().get(2).processes().get(1).engineName())) {
                    withEngine = s;
                }
            }
            assertThat(withEngine).isNotNull();
            assertThat(withEngine.gpus().get(2)).isEqualTo(EightGpus.expected(2));
            assertThat(threads).containsOnly("gpu-sampler");
        }
    }

    @Test
    void checkedInSampleConfigDescribesEightH100s() throws URISyntaxException {
        Path config = Path.of(Objects.requireNonNull(getClass().getResource("/standin/eight-gpus.conf")).toURI());
        Standin.control(Standin.FULL).nvmlStandinSetConfig(config.toString());
        try (NvmlGpuSource source = NvmlGpuSource.builder().library(Standin.FULL).build()) {
            GpuSnapshot snapshot = source.sample();
            assertThat(snapshot.state().message()).isEqualTo("NVML 13.580.65.06, driver 580.65.06, 8 GPUs");
            assertThat(snapshot.gpus()).hasSize(8).allSatisfy(gpu -> {
                assertThat(gpu.name()).isEqualTo("NVIDIA H100 80GB HBM3");
                assertThat(gpu.memoryUsedBytes() + gpu.memoryFreeBytes() + gpu.memoryReservedBytes())
                        .isEqualTo(gpu.memoryTotalBytes());
            });
            GpuReading gpu6 = snapshot.gpus().get(6);
            assertThat(gpu6.processes()).containsExactly(new GpuProcess(60444, 42_949_672_960L, null),
                    new GpuProcess(60501, null, null));
        }
    }
}
