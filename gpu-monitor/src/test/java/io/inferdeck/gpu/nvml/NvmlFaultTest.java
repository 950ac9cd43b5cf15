package io.inferdeck.gpu.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.gpu.GpuProcess;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Scripted driver faults, each through the stand-in and real JNA calls. */
class NvmlFaultTest {

    @TempDir
    Path dir;

    private GpuSnapshot sampleOnce(Standin.Config config) {
        Standin.configure(Standin.FULL, dir, config);
        try (NvmlGpuSource source = NvmlGpuSource.builder().library(Standin.FULL).build()) {
            return source.sample();
        }
    }

    /** Each NVML query that says NOT_SUPPORTED (3) or NO_PERMISSION (4) blanks exactly its field. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "name,        3", "uuid,        3", "pci,         3", "memory,      3", "utilization, 3",
        "temperature, 3", "power,       3", "powerlimit,  3", "clock,       3", "processes,   3",
        "power,       4", "processes,   4", "memory,    999", "energy,      3"
    })
    void failingQueryBlanksOnlyItsField(String call, int code) {
        GpuSnapshot snapshot = sampleOnce(EightGpus.config().gpu(3, "fail." + call, code));

        assertThat(snapshot.state().isOk()).isTrue();
        GpuReading expected = blank(call).apply(EightGpus.expected(3).toBuilder()).build();
        assertThat(snapshot.gpus().get(3)).isEqualTo(withoutEngines(expected));
        assertThat(snapshot.gpus().get(2)).isEqualTo(withoutEngines(EightGpus.expected(2)));
    }

    @Test
    void notSupportedListBlanksSeveralFields() {
        GpuSnapshot snapshot = sampleOnce(EightGpus.config().gpu(0, "notsupported", "temperature,power,clock"));

        GpuReading gpu = snapshot.gpus().getFirst();
        assertThat(gpu.temperatureCelsius()).isNull();
        assertThat(gpu.powerMilliwatts()).isNull();
        assertThat(gpu.smClockMhz()).isNull();
        assertThat(gpu.powerLimitMilliwatts()).isEqualTo(700_000L);
        assertThat(gpu.memoryUsedBytes()).isEqualTo(EightGpus.used(0));
        assertThat(gpu.lost()).isFalse();
    }

    private static UnaryOperator<GpuReading.Builder> blank(String call) {
        return switch (call) {
            case "name" -> b -> b.name(null);
            case "uuid" -> b -> b.uuid(null);
            case "pci" -> b -> b.pciBusId(null);
            case "memory" -> b -> b.memoryTotalBytes(null).memoryUsedBytes(null).memoryFreeBytes(null)
                    .memoryReservedBytes(null);
            case "utilization" -> b -> b.gpuUtilizationPercent(null).memoryUtilizationPercent(null);
            case "temperature" -> b -> b.temperatureCelsius(null);
            case "power" -> b -> b.powerMilliwatts(null);
            case "powerlimit" -> b -> b.powerLimitMilliwatts(null);
            case "clock" -> b -> b.smClockMhz(null);
            case "energy" -> b -> b.energyMillijoules(null);
            case "processes" -> b -> b.processes(null);
            default -> throw new IllegalArgumentException(call);
        };
    }

    private static GpuReading withoutEngines(GpuReading r) {
        return r.processes() == null ? r : r.toBuilder().processes(r.processes().stream()
                .map(p -> new GpuProcess(p.pid(), p.usedMemoryBytes(), null)).toList()).build();
    }

    /** 3 identity calls at init, then 8 queries per sample: lost.after=11 loses GPU 5 in sample 2. */
    @Test
    void gpuLostMidSessionKeepsOnlyItsIdentity() {
        Standin.configure(Standin.FULL, dir, EightGpus.config().gpu(5, "lost.after", 11));
        try (NvmlGpuSource source = NvmlGpuSource.builder().library(Standin.FULL).build()) {
            assertThat(source.sample().gpus().get(5).lost()).isFalse();

            for (int sample = 0; sample < 2; sample++) {
                GpuSnapshot snapshot = source.sample();
                assertThat(snapshot.state().isOk()).isTrue();
                assertThat(snapshot.gpus().get(5)).isEqualTo(GpuReading.builder(5).name("NVIDIA H200")
                        .uuid(EightGpus.uuid(5)).pciBusId(EightGpus.pci(5)).lost(true).build());
                assertThat(snapshot.gpus().get(4)).isEqualTo(withoutEngines(EightGpus.expected(4)));
                assertThat(snapshot.gpus().get(6)).isEqualTo(withoutEngines(EightGpus.expected(6)));
            }
        }
    }

    /** Lost in the middle of a sample: values read before the loss are dropped too. */
    @Test
    void gpuLostBetweenTwoQueriesOfOneSample() {
        GpuSnapshot snapshot = sampleOnce(EightGpus.config().gpu(1, "lost.after", 3 + 4));

        GpuReading gpu = snapshot.gpus().get(1);
        assertThat(gpu.lost()).isTrue();
        assertThat(gpu.memoryTotalBytes()).isNull();
        assertThat(gpu.temperatureCelsius()).isNull();
        assertThat(gpu.uuid()).isEqualTo(EightGpus.uuid(1));
    }

    @Test
    void gpuLostBeforeItCouldBeIdentified() {
        GpuSnapshot snapshot = sampleOnce(EightGpus.config().gpu(7, "lost.after", 0));

        assertThat(snapshot.gpus()).hasSize(8);
        assertThat(snapshot.gpus().get(7)).isEqualTo(GpuReading.builder(7).lost(true).build());
        assertThat(snapshot.gpus().get(6).lost()).isFalse();
    }

    /**
     * 20 processes and 3 more starting before every query: the first query overflows the
     * 16-entry buffer, the retry gets them all; the result is exactly what the driver had at the
     * last call.
     */
    @Test
    void processListThatGrowsBetweenCallsIsReadCompletely() {
        StringBuilder procs = new StringBuilder();
        for (int p = 0; p < 20; p++) {
            procs.append(p == 0 ? "" : ",").append(7000 + p).append(':').append((p + 1L) << 30);
        }
        Standin.Config config = Standin.Config.gpus(1).gpu(0, "procs", procs).gpu(0, "procs.grow", 3);
        GpuSnapshot snapshot = sampleOnce(config);

        long calls = Standin.calls(Standin.FULL, "processes");
        assertThat(Standin.calls(Standin.FULL, "processes.insufficient")).isEqualTo(calls - 1).isPositive();
        List<GpuProcess> processes = snapshot.gpus().getFirst().processes();
        assertThat(processes).hasSize((int) (20 + 3 * calls));
        assertThat(processes.subList(0, 20)).extracting(GpuProcess::pid)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(7000, 7020).boxed().toList());
        assertThat(processes.get(19).usedMemoryBytes()).isEqualTo(20L << 30);
        assertThat(processes.get(20).pid()).isEqualTo(50000);
    }

    @Test
    void processListStillTooSmallAfterTheRetriesIsNa() {
        Standin.configure(Standin.FULL, dir, Standin.Config.gpus(1).gpu(0, "procs.grow", 40).gpu(0, "temp", 55));
        try (NvmlGpuSource source = NvmlGpuSource.builder().library(Standin.FULL).maxProcessRetries(0).build()) {
            GpuReading gpu = source.sample().gpus().getFirst();
            assertThat(gpu.processes()).isNull();
            assertThat(gpu.temperatureCelsius()).isEqualTo(55);
        }
    }

    @Test
    void processListOfTheV1LayoutGrowsToo() {
        Standin.configure(Standin.NO_V2, dir, Standin.Config.gpus(1).gpu(0, "procs.grow", 25));
        try (NvmlGpuSource source = NvmlGpuSource.builder().library(Standin.NO_V2).build()) {
            List<GpuProcess> processes = source.sample().gpus().getFirst().processes();
            long calls = Standin.calls(Standin.NO_V2, "processes");
            assertThat(calls).isGreaterThan(1);
            assertThat(processes).hasSize((int) (25 * calls));
            for (int p = 0; p < processes.size(); p++) {
                assertThat(processes.get(p)).isEqualTo(new GpuProcess(50000 + p, (p + 1L) << 20, null));
            }
        }
    }
}
