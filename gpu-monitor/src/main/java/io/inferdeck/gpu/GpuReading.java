package io.inferdeck.gpu;

import java.util.List;

/**
 * One GPU in one sample. A null field means "n/a": the driver does not support that query on
 * this GPU (NVML_ERROR_NOT_SUPPORTED), refused it, or the source does not export it. A lost GPU
 * (NVML_ERROR_GPU_IS_LOST: fell off the bus, needs a reset) has {@code lost == true} and only the
 * identity fields it had before.
 *
 * <p>Units are in the names: bytes, percent (0..100), degrees Celsius, milliwatts, MHz, millijoules.
 *
 * @param memoryReservedBytes memory the driver sets aside; null with NVML's v1 memory query,
 *                            whose "used" then includes it
 * @param energyMillijoules   energy counter: total since the driver was loaded (NVML) or since
 *                            the exporter's start (DCGM); only differences mean anything. Null on
 *                            GPUs without one (pre-Volta: NOT_SUPPORTED) — never 0
 * @param processes           compute processes; null when the process list is n/a
 */
public record GpuReading(
        int index,
        String uuid,
        String name,
        String pciBusId,
        Long memoryTotalBytes,
        Long memoryUsedBytes,
        Long memoryFreeBytes,
        Long memoryReservedBytes,
        Integer gpuUtilizationPercent,
        Integer memoryUtilizationPercent,
        Integer temperatureCelsius,
        Long powerMilliwatts,
        Long powerLimitMilliwatts,
        Integer smClockMhz,
        Long energyMillijoules,
        List<GpuProcess> processes,
        boolean lost) {

    public GpuReading {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        processes = processes == null ? null : List.copyOf(processes);
    }

    public static Builder builder(int index) {
        return new Builder(index);
    }

    /** A builder holding this reading's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder(index).uuid(uuid).name(name).pciBusId(pciBusId)
                .memoryTotalBytes(memoryTotalBytes).memoryUsedBytes(memoryUsedBytes)
                .memoryFreeBytes(memoryFreeBytes).memoryReservedBytes(memoryReservedBytes)
                .gpuUtilizationPercent(gpuUtilizationPercent).memoryUtilizationPercent(memoryUtilizationPercent)
                .temperatureCelsius(temperatureCelsius).powerMilliwatts(powerMilliwatts)
                .powerLimitMilliwatts(powerLimitMilliwatts).smClockMhz(smClockMhz)
                .energyMillijoules(energyMillijoules).processes(processes).lost(lost);
    }

    /** Mutable, single-thread builder; every field starts as n/a (null) and not lost. */
    public static final class Builder {
        private final int index;
        private String uuid;
        private String name;
        private String pciBusId;
        private Long memoryTotalBytes;
        private Long memoryUsedBytes;
        private Long memoryFreeBytes;
        private Long memoryReservedBytes;
        private Integer gpuUtilizationPercent;
        private Integer memoryUtilizationPercent;
        private Integer temperatureCelsius;
        private Long powerMilliwatts;
        private Long powerLimitMilliwatts;
        private Integer smClockMhz;
        private Long energyMillijoules;
        private List<GpuProcess> processes;
        private boolean lost;

        private Builder(int index) {
            this.index = index;
        }

        public Builder uuid(String v) { uuid = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder pciBusId(String v) { pciBusId = v; return this; }
        public Builder memoryTotalBytes(Long v) { memoryTotalBytes = v; return this; }
        public Builder memoryUsedBytes(Long v) { memoryUsedBytes = v; return this; }
        public Builder memoryFreeBytes(Long v) { memoryFreeBytes = v; return this; }
        public Builder memoryReservedBytes(Long v) { memoryReservedBytes = v; return this; }
        public Builder gpuUtilizationPercent(Integer v) { gpuUtilizationPercent = v; return this; }
        public Builder memoryUtilizationPercent(Integer v) { memoryUtilizationPercent = v; return this; }
        public Builder temperatureCelsius(Integer v) { temperatureCelsius = v; return this; }
        public Builder powerMilliwatts(Long v) { powerMilliwatts = v; return this; }
        public Builder powerLimitMilliwatts(Long v) { powerLimitMilliwatts = v; return this; }
        public Builder smClockMhz(Integer v) { smClockMhz = v; return this; }
        public Builder energyMillijoules(Long v) { energyMillijoules = v; return this; }
        public Builder processes(List<GpuProcess> v) { processes = v; return this; }
        public Builder lost(boolean v) { lost = v; return this; }

        public GpuReading build() {
            return new GpuReading(index, uuid, name, pciBusId, memoryTotalBytes, memoryUsedBytes,
                    memoryFreeBytes, memoryReservedBytes, gpuUtilizationPercent, memoryUtilizationPercent,
                    temperatureCelsius, powerMilliwatts, powerLimitMilliwatts, smClockMhz, energyMillijoules, processes, lost);
        }
    }
}
