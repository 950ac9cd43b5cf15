package io.inferdeck.gpu.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.gpu.GpuProcess;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.SourceState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuFormatTest {

    private static final Instant AT = Instant.parse("2025-06-01T12:00:00Z");

    private static GpuSnapshot snapshot() {
        return GpuSnapshot.builder().at(AT).state(SourceState.ok("NVML 13.580.65.06, driver 580.65.06, 3 GPUs"))
                .gpu(GpuReading.builder(0).name("NVIDIA H100 80GB HBM3").pciBusId("00000000:18:00.0")
                        .memoryTotalBytes(85_520_809_984L).memoryUsedBytes(76_359_126_293L).memoryFreeBytes(8_591_258_347L)
                        .gpuUtilizationPercent(97).memoryUtilizationPercent(63).temperatureCelsius(71)
                        .powerMilliwatts(612_345L).powerLimitMilliwatts(700_000L).smClockMhz(1980)
                        .processes(List.of(new GpuProcess(41721, 76_235_669_504L, "llama-70b"),
                                new GpuProcess(3_000_000_001L, null, null)))
                        .build())
                .gpu(GpuReading.builder(1).name("NVIDIA L4").memoryTotalBytes(512L << 20).memoryUsedBytes(100L << 20)
                        .build())
                .gpu(GpuReading.builder(2).name("NVIDIA H100 80GB HBM3").pciBusId("00000000:2A:00.0").lost(true).build())
                .build();
    }

    @Test
    void tableShowsEveryGpuAndProcessWithNaForMissingValues() {
        String table = GpuTable.format(snapshot());
        List<String> lines = table.lines().toList();

        assertThat(lines.getFirst()).isEqualTo("NVML 13.580.65.06, driver 580.65.06, 3 GPUs   (2025-06-01T12:00:00Z)");
        assertThat(lines.get(2)).startsWith("GPU  NAME").contains("MEMORY USED / TOTAL").contains("SM CLOCK");
        assertThat(lines.get(3)).matches("  0  NVIDIA H100 80GB HBM3 +71\\.1 / 79\\.6 GiB +89% +97% +63% +71 C +612 / 700 W"
                + " +1980 MHz +00000000:18:00\\.0");
        assertThat(lines.get(4)).matches("  1  NVIDIA L4 +100 / 512 MiB +20% +n/a +n/a +n/a +n/a +n/a +n/a");
        assertThat(lines.get(5)).matches("  2  NVIDIA H100 80GB HBM3 +LOST: fell off the bus, needs a reset +00000000:2A:00\\.0");
        assertThat(lines.get(7)).matches("GPU +PID +GPU MEMORY +ENGINE");
        assertThat(lines.get(8)).matches(" +0 +41721 +71\\.0 GiB  llama-70b");
        assertThat(lines.get(9)).matches(" +0 +3000000001 +n/a  -");
        assertThat(lines).hasSize(10);
        assertThat(table).matches("\\p{ASCII}*");
    }

    @Test
    void tableWithoutGpusIsTheStatusLine() {
        GpuSnapshot none = GpuSnapshot.withoutGpus(AT, SourceState.unavailable("NVML not available: no driver"));
        assertThat(GpuTable.format(none)).isEqualTo("NVML not available: no driver   (2025-06-01T12:00:00Z)\n");
    }

    @Test
    void jsonKeepsExactValuesAndNullsForNa() throws Exception {
        JsonNode root = new ObjectMapper().readTree(GpuJson.format(snapshot(), true));
        assertThat(GpuJson.format(snapshot(), false)).doesNotContain("\n");
        assertThat(new ObjectMapper().readTree(GpuJson.format(snapshot(), false))).isEqualTo(root);

        assertThat(root.get("at").asText()).isEqualTo("2025-06-01T12:00:00Z");
        assertThat(root.at("/state/status").asText()).isEqualTo("OK");
        JsonNode gpu0 = root.at("/gpus/0");
        assertThat(gpu0.get("memoryUsedBytes").asLong()).isEqualTo(76_359_126_293L);
        assertThat(gpu0.get("memoryReservedBytes").isNull()).isTrue();
        assertThat(gpu0.at("/processes/0/engine").asText()).isEqualTo("llama-70b");
        assertThat(gpu0.at("/processes/1/pid").asLong()).isEqualTo(3_000_000_001L);
        assertThat(gpu0.at("/processes/1/usedMemoryBytes").isNull()).isTrue();
        assertThat(root.at("/gpus/1/processes").isNull()).isTrue();
        assertThat(root.at("/gpus/1/temperatureCelsius").isNull()).isTrue();
        assertThat(root.at("/gpus/2/lost").asBoolean()).isTrue();
    }
}
