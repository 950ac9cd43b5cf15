package io.inferdeck.gpu.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.gpu.EnginePidRegistry;
import io.inferdeck.gpu.GpuProcess;
import io.inferdeck.gpu.GpuReading;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The energy counter and the live process attachments of the stand-in, through real JNA calls:
 * energy integrates the configured power over CLOCK_MONOTONIC; procs.self / procs.children put
 * this JVM and its children on a GPU, so the /proc lookup of command and user runs for real.
 */
class NvmlEnergyAndHoldersTest {

    private static final long POWER_MW = 250_000;
    private static final long START_MJ = 5_000_000_123L;

    @TempDir
    Path dir;

    @Test
    void energyGrowsByTheConfiguredPowerTimesElapsedTime() throws InterruptedException {
        Standin.configure(Standin.FULL, dir, Standin.Config.gpus(1).gpu(0, "power", POWER_MW)
                .gpu(0, "energy.start", START_MJ));
        try (NvmlGpuSource source = NvmlGpuSource.builder().library(Standin.FULL).build()) {
            long a = System.nanoTime();
            GpuReading first = source.sample().gpus().getFirst();
            long b = System.nanoTime();
            Thread.sleep(200);
            long c = System.nanoTime();
            GpuReading second = source.sample().gpus().getFirst();
            long d = System.nanoTime();

            assertThat(first.energyMillijoules()).isGreaterThanOrEqualTo(START_MJ);
            long delta = second.energyMillijoules() - first.energyMillijoules();
            // each read happened somewhere inside its bracket; the counter truncates to whole mJ
            assertThat(delta).isBetween(POWER_MW * (c - b) / 1_000_000_000L - 1, POWER_MW * (d - a) / 1_000_000_000L + 1);
        }
    }

    @Test
    void thisJvmAndItsChildAreListedWithCommandUserAndDeployment() throws Exception {
        long self = ProcessHandle.current().pid();
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            Standin.configure(Standin.FULL, dir, Standin.Config.gpus(2).gpu(0, "procs.self", 3L << 30)
                    .gpu(1, "procs", "4199999:na").gpu(1, "procs.children", 1L << 30));
            EnginePidRegistry engines = new EnginePidRegistry();
            engines.register(child.pid(), "chat-70b");
            try (NvmlGpuSource source = NvmlGpuSource.builder().library(Standin.FULL).pidLookup(engines).build()) {
                var gpus = source.sample().gpus();

                GpuProcess jvm = gpus.get(0).processes().getFirst();
                assertThat(jvm.pid()).isEqualTo(self);
                assertThat(jvm.usedMemoryBytes()).isEqualTo(3L << 30);
                assertThat(jvm.engineName()).isNull();
                assertThat(jvm.user()).isEqualTo(ProcessHandle.current().info().user().orElseThrow());
                assertThat(jvm.command()).contains("java");

                assertThat(gpus.get(1).processes()).contains(new GpuProcess(4199999, null, null));
                assertThat(gpus.get(1).processes()).anySatisfy(p -> {
                    assertThat(p.pid()).isEqualTo(child.pid());
                    assertThat(p.command()).isEqualTo("sleep 30");
                    assertThat(p.engineName()).isEqualTo("chat-70b");
                    assertThat(p.usedMemoryBytes()).isEqualTo(1L << 30);
                });
            }
        } finally {
            child.destroy();
            child.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
