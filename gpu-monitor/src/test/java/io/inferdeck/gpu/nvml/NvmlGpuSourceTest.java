package io.inferdeck.gpu.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.gpu.EnginePidRegistry;
import io.inferdeck.gpu.GpuProcess;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.MutableClock;
import io.inferdeck.gpu.SourceState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NvmlGpuSource against the stand-in libnvidia-ml, through real JNA calls. */
class NvmlGpuSourceTest {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private NvmlGpuSource source(String library) {
        return NvmlGpuSource.builder().library(library).clock(clock).build();
    }

    @Test
    void readsEightGpusExactly() {
        Standin.configure(Standin.FULL, dir, EightGpus.config());
        EnginePidRegistry engines = new EnginePidRegistry();
        engines.register(EightGpus.ENGINE_PID, EightGpus.ENGINE);
        try (NvmlGpuSource source = NvmlGpuSource.builder().library(Standin.FULL).clock(clock)
                .pidLookup(engines).build()) {
            GpuSnapshot snapshot = source.sample();

            assertThat(snapshot.at()).isEqualTo(T0);
            assertThat(snapshot.state())
                    .isEqualTo(SourceState.ok("NVML 13.580.65.06, driver 580.65.06, 8 GPUs"));
            assertThat(snapshot.gpus()).containsExactlyElementsOf(
                    IntStream.range(0, 8).mapToObj(EightGpus::expected).toList());
            assertThat(source.bindingVersions()).isEqualTo("init_v2 memory_v2 temperatureV processes_v3");

            clock.advance(Duration.ofMillis(500));
            GpuSnapshot second = source.sample();
            assertThat(second.at()).isEqualTo(T0.plusMillis(500));
            assertThat(second.gpus()).isEqualTo(snapshot.gpus());
        }
    }

    @Test
    void olderDriverWithoutVersionedSymbolsFallsBack() {
        Standin.configure(Standin.NO_V2, dir, EightGpus.config());
        try (NvmlGpuSource source = source(Standin.NO_V2)) {
            GpuSnapshot snapshot = source.sample();

            assertThat(snapshot.state().isOk()).isTrue();
            assertThat(source.bindingVersions()).isEqualTo("init memory_v1 temperature processes_v1");
            for (int i = 0; i < 8; i++) {
                // v1 memory has no reserved field and counts reserved memory as used;
                // the v1 PCI struct only holds the short bus id
                GpuReading expected = EightGpus.expected(i).toBuilder()
                        .memoryReservedBytes(null)
                        .memoryUsedBytes(EightGpus.used(i) + EightGpus.reserved(i))
                        .pciBusId(EightGpus.pci(i).substring(4))
                        .processes(EightGpus.expected(i).processes().stream()
                                .map(p -> new GpuProcess(p.pid(), p.usedMemoryBytes(), null)).toList())
                        .build();
                assertThat(snapshot.gpus().get(i)).isEqualTo(expected);
            }
        }
    }

    @Test
    void libraryAbsentIsReportedNotThrown() {
        try (NvmlGpuSource source = source(dir.resolve("nowhere/libnvidia-ml.so").toString())) {
            GpuSnapshot snapshot = source.sample();

            assertThat(snapshot.state().status()).isEqualTo(SourceState.Status.UNAVAILABLE);
            assertThat(snapshot.state().message())
                    .startsWith("NVML not available: ")
                    .contains("libnvidia-ml.so: cannot open shared object file")
                    .doesNotContain("resource path");
            assertThat(snapshot.gpus()).isEmpty();
            assertThat(source.sample().state()).isEqualTo(snapshot.state());
            assertThat(source.bindingVersions()).isEqualTo("not loaded");
        }
    }

    @Test
    void initFailureIsUnavailableAndRetriedAfterTheInterval() {
        Standin.configure(Standin.FULL, dir, Standin.Config.gpus(2).set("init.fail", 9));
        try (NvmlGpuSource source = NvmlGpuSource.builder().library(Standin.FULL).clock(clock)
                .initRetryInterval(Duration.ofSeconds(10)).build()) {
            GpuSnapshot failed = source.sample();
            assertThat(failed.state()).isEqualTo(SourceState.unavailable("NVML not available: nvmlInit failed: "
                    + "NVML_ERROR_DRIVER_NOT_LOADED (9): The NVIDIA driver is not loaded"));
            assertThat(failed.gpus()).isEmpty();

            Standin.configure(Standin.FULL, dir, Standin.Config.gpus(2)); // the driver comes up
            clock.advance(Duration.ofSeconds(9));
            assertThat(source.sample().state()).isEqualTo(failed.state()); // not retried yet
            clock.advance(Duration.ofSeconds(1));
            GpuSnapshot recovered = source.sample();
            assertThat(recovered.state().isOk()).isTrue();
            assertThat(recovered.gpus()).hasSize(2);
        }
    }

    @Test
    void unknownInitCodeQuotesTheDriversOwnText() {
        Standin.configure(Standin.FULL, dir, Standin.Config.gpus(1).set("init.fail", 77));
        try (NvmlGpuSource source = source(Standin.FULL)) {
            assertThat(source.sample().state().message()).isEqualTo("NVML not available: nvmlInit failed: "
                    + "NVML return code 77 (Unrecognized NVML return code): \"Unknown Error\"");
        }
    }

    @Test
    void closeShutsNvmlDownOnceAndLaterSamplesSaySo() {
        Standin.configure(Standin.FULL, dir, Standin.Config.gpus(1));
        NvmlGpuSource source = source(Standin.FULL);
        assertThat(source.sample().state().isOk()).isTrue();
        source.close();
        source.close();

        NvmlLibrary lib = com.sun.jna.Native.load(Standin.FULL, NvmlLibrary.class);
        assertThat(NvmlReturn.of(lib.nvmlShutdown())).isEqualTo(NvmlReturn.ERROR_UNINITIALIZED);
        assertThat(source.sample().state().message()).isEqualTo("NVML not available: source closed");
    }

    @Test
    void reinitialisesWhenNvmlWasShutDownUnderIt() {
        Standin.configure(Standin.FULL, dir, Standin.Config.gpus(1).gpu(0, "temp", 40));
        try (NvmlGpuSource source = source(Standin.FULL)) {
            assertThat(source.sample().gpus().getFirst().temperatureCelsius()).isEqualTo(40);

            NvmlLibrary lib = com.sun.jna.Native.load(Standin.FULL, NvmlLibrary.class);
            assertThat(lib.nvmlShutdown()).isZero(); // someone else drops the last reference

            GpuReading interrupted = source.sample().gpus().getFirst();
            assertThat(interrupted.memoryTotalBytes()).isNull();
            assertThat(interrupted.lost()).isFalse();
            assertThat(source.sample().gpus().getFirst().temperatureCelsius()).isEqualTo(40);
        }
    }

    @Test
    void zeroGpusIsAWorkingSourceWithNoReadings() {
        Standin.configure(Standin.FULL, dir, Standin.Config.gpus(0));
        try (NvmlGpuSource source = source(Standin.FULL)) {
            GpuSnapshot snapshot = source.sample();
            assertThat(snapshot.state().isOk()).isTrue();
            assertThat(snapshot.state().message()).endsWith(", 0 GPUs");
            assertThat(snapshot.gpus()).isEmpty();
        }
    }
}
