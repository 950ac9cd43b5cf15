package io.inferdeck.services.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferdeck.gpu.GpuReading;
import java.util.List;
import java.util.Optional;

/**
 * Checks a node's GPUs as the fleet reader got them from Prometheus against a direct reading of the same exporter
 * ({@link GpuReading}, converted here to the fleet's base units: bytes, ratio 0..1, watts, °C): same GPUs, every
 * figure within 2 %, and a figure the direct reading lacks is absent. Prints each comparison.
 */
final class GpuAgreement {
    private GpuAgreement() {
    }

    static void check(FleetStatus.Node node, String exporter, List<GpuReading> direct) {
        List<FleetStatus.Gpu> gpus = node.gpus().stream().filter(g -> g.exporter().equals(exporter)).toList();
        assertThat(gpus).extracting(FleetStatus.Gpu::gpu).as(node.name() + " " + exporter + " GPUs")
                .containsExactlyElementsOf(direct.stream().map(r -> Integer.toString(r.index())).toList());
        for (GpuReading r : direct) {
            FleetStatus.Gpu g = gpus.stream().filter(x -> x.gpu().equals(Integer.toString(r.index()))).findFirst().orElseThrow();
            StringBuilder line = new StringBuilder(node.name() + " " + exporter + " GPU " + r.index() + ":");
            for (GpuFigure f : GpuFigure.values()) {
                Optional<Double> expected = expected(r, f);
                line.append(' ').append(f.jsonKey()).append(" prometheus ").append(g.figures().get(f))
                        .append(" direct ").append(expected.orElse(null));
                if (expected.isEmpty()) {
                    assertThat(g.figure(f)).as(line.toString()).isEmpty();
                } else {
                    assertThat(g.figure(f)).as(line.toString()).isPresent();
                    assertThat(g.figure(f).getAsDouble()).as(line.toString())
                            .isCloseTo(expected.get(), within(Math.abs(expected.get()) * 0.02));
                }
            }
            System.out.println(line);
        }
    }

    private static Optional<Double> expected(GpuReading r, GpuFigure f) {
        return Optional.ofNullable(switch (f) {
            case MEMORY_USED -> r.memoryUsedBytes() == null ? null : r.memoryUsedBytes().doubleValue();
            case MEMORY_TOTAL -> r.memoryTotalBytes() == null ? null : r.memoryTotalBytes().doubleValue();
            case UTILIZATION -> r.gpuUtilizationPercent() == null ? null : r.gpuUtilizationPercent() / 100.0;
            case POWER -> r.powerMilliwatts() == null ? null : r.powerMilliwatts() / 1000.0;
            case TEMPERATURE -> r.temperatureCelsius() == null ? null : r.temperatureCelsius().doubleValue();
        });
    }
}
