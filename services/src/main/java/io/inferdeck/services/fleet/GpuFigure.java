package io.inferdeck.services.fleet;

/** The GPU figures of the fleet table, in base units, with their recording-rule names and JSON keys. */
public enum GpuFigure {
    MEMORY_USED("gpu_memory_used:bytes", "memoryUsedBytes"),
    MEMORY_TOTAL("gpu_memory_total:bytes", "memoryTotalBytes"),
    UTILIZATION("gpu_utilization:ratio", "utilization"),
    POWER("gpu_power:watts", "powerWatts"),
    TEMPERATURE("gpu_temperature:celsius", "temperatureCelsius");

    private final String record;
    private final String jsonKey;

    GpuFigure(String record, String jsonKey) {
        this.record = record;
        this.jsonKey = jsonKey;
    }

    public String record() {
        return "inferdeck:" + record;
    }

    public String jsonKey() {
        return jsonKey;
    }
}
