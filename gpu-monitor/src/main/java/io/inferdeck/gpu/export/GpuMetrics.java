package io.inferdeck.gpu.export;

import io.inferdeck.gpu.GpuProcess;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * GPU gauges for Prometheus/Grafana, read at scrape time from the newest snapshot (so one scrape
 * is one consistent sample, and nothing is copied per sample). Base units as Prometheus wants
 * them: bytes, ratios 0..1, watts, hertz, celsius. An n/a field has no series for that GPU; a
 * lost GPU shows only {@code inferdeck_gpu_lost 1}.
 */
public final class GpuMetrics {

    private static final String[] GPU_LABELS = {"gpu", "uuid", "name"};
    /** Names other readers (the fleet's PromQL) use; every gauge name starts with {@link #PREFIX}. */
    public static final String PREFIX = "inferdeck_gpu_";
    public static final String MEMORY_TOTAL = PREFIX + "memory_total_bytes";
    public static final String MEMORY_USED = PREFIX + "memory_used_bytes";
    public static final String MEMORY_FREE = PREFIX + "memory_free_bytes";
    public static final String UTILIZATION = PREFIX + "utilization_ratio";
    public static final String TEMPERATURE = PREFIX + "temperature_celsius";
    public static final String POWER = PREFIX + "power_watts";

    private GpuMetrics() {
    }

    /** Registers every gauge in {@code registry}; {@code latest} may return null (no sample yet). */
    public static void register(PrometheusRegistry registry, Supplier<GpuSnapshot> latest) {
        Objects.requireNonNull(latest, "latest");
        GaugeWithCallback.builder().name("inferdeck_gpu_source_up")
                .help("1 when the GPU source (NVML or DCGM) delivers readings, else 0")
                .callback(cb -> {
                    GpuSnapshot s = latest.get();
                    cb.call(s != null && s.state().isOk() ? 1 : 0);
                }).register(registry);
        gpuGauge(registry, latest, "inferdeck_gpu_lost", "1 when the GPU fell off the bus (NVML_ERROR_GPU_IS_LOST)",
                r -> r.lost() ? 1.0 : 0.0, true);
        gpuGauge(registry, latest, MEMORY_TOTAL, "GPU memory installed",
                r -> num(r.memoryTotalBytes()), false);
        gpuGauge(registry, latest, MEMORY_USED, "GPU memory allocated",
                r -> num(r.memoryUsedBytes()), false);
        gpuGauge(registry, latest, MEMORY_FREE, "GPU memory free",
                r -> num(r.memoryFreeBytes()), false);
        gpuGauge(registry, latest, "inferdeck_gpu_memory_reserved_bytes", "GPU memory reserved by the driver",
                r -> num(r.memoryReservedBytes()), false);
        gpuGauge(registry, latest, UTILIZATION, "Share of time a kernel was running (0..1)",
                r -> ratio(r.gpuUtilizationPercent()), false);
        gpuGauge(registry, latest, "inferdeck_gpu_memory_utilization_ratio",
                "Share of time device memory was read or written (0..1)", r -> ratio(r.memoryUtilizationPercent()), false);
        gpuGauge(registry, latest, TEMPERATURE, "GPU die temperature",
                r -> num(r.temperatureCelsius()), false);
        gpuGauge(registry, latest, POWER, "Power draw",
                r -> r.powerMilliwatts() == null ? null : r.powerMilliwatts() / 1000.0, false);
        gpuGauge(registry, latest, "inferdeck_gpu_power_limit_watts", "Enforced power limit",
                r -> r.powerLimitMilliwatts() == null ? null : r.powerLimitMilliwatts() / 1000.0, false);
        gpuGauge(registry, latest, "inferdeck_gpu_sm_clock_hertz", "SM clock",
                r -> r.smClockMhz() == null ? null : r.smClockMhz() * 1e6, false);
        gpuGauge(registry, latest, "inferdeck_gpu_energy_joules",
                "Energy counter (NVML: since driver load; DCGM: as the exporter reports it); use rate() or increase()",
                r -> r.energyMillijoules() == null ? null : r.energyMillijoules() / 1000.0, false);
        GaugeWithCallback.builder().name("inferdeck_gpu_process_memory_used_bytes")
                .help("GPU memory held by a compute process; engine is set for engines the console started")
                .labelNames("gpu", "uuid", "pid", "engine")
                .callback(cb -> {
                    GpuSnapshot s = latest.get();
                    if (s == null) {
                        return;
                    }
                    for (GpuReading r : s.gpus()) {
                        if (r.processes() == null || r.lost()) {
                            continue;
                        }
                        for (GpuProcess p : r.processes()) {
                            if (p.usedMemoryBytes() != null) {
                                cb.call(p.usedMemoryBytes(), String.valueOf(r.index()), text(r.uuid()),
                                        String.valueOf(p.pid()), text(p.engineName()));
                            }
                        }
                    }
                }).register(registry);
    }

    private static void gpuGauge(PrometheusRegistry registry, Supplier<GpuSnapshot> latest, String name, String help,
                                 Function<GpuReading, Double> value, boolean evenIfLost) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(GPU_LABELS)
                .callback(cb -> {
                    GpuSnapshot s = latest.get();
                    if (s == null) {
                        return;
                    }
                    for (GpuReading r : s.gpus()) {
                        Double v = r.lost() && !evenIfLost ? null : value.apply(r);
                        if (v != null) {
                            cb.call(v, String.valueOf(r.index()), text(r.uuid()), text(r.name()));
                        }
                    }
                }).register(registry);
    }

    private static Double num(Number n) {
        return n == null ? null : n.doubleValue();
    }

    private static Double ratio(Integer percent) {
        return percent == null ? null : percent / 100.0;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
