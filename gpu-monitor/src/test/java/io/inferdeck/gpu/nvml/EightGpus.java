package io.inferdeck.gpu.nvml;

import io.inferdeck.gpu.GpuProcess;
import io.inferdeck.gpu.GpuReading;
import java.util.List;

/**
 * Eight distinct GPUs (energy clock frozen, so each counter stays at its start): memory sizes past 4 GiB (and not multiples of anything), a pid past
 * 2^31 (unsigned int), a process whose memory is NVML_VALUE_NOT_AVAILABLE, and one process that
 * belongs to an engine the console started.
 */
final class EightGpus {

    /** Small pids start past Linux's PID_MAX_LIMIT (2^22), so /proc never knows them. */
    static final long PID_BASE = 4_194_304 + 1000;
    static final long ENGINE_PID = PID_BASE + 2;
    static final String ENGINE = "llama-3-8b-q4";

    private EightGpus() {
    }

    static long total(int i) {
        return 85_899_345_920L + i; // 80 GiB + i
    }

    static long reserved(int i) {
        return 536_870_912L + 17L * i;
    }

    static long used(int i) {
        return 5_000_000_000L + i * 1_000_000_007L;
    }

    static long free(int i) {
        return total(i) - reserved(i) - used(i);
    }

    static long bigPid(int i) {
        return 3_000_000_000L + i;
    }

    static long bigPidMemory(int i) {
        return (4L << 30) + 3L * i + 1;
    }

    static Standin.Config config() {
        Standin.Config c = Standin.Config.gpus(8).set("clock", "frozen")
                .set("driver.version", "580.65.06").set("nvml.version", "13.580.65.06");
        for (int i = 0; i < 8; i++) {
            c.gpu(i, "name", i % 2 == 0 ? "NVIDIA H100 80GB HBM3" : "NVIDIA H200")
                    .gpu(i, "uuid", uuid(i))
                    .gpu(i, "pci", pci(i))
                    .gpu(i, "mem.total", total(i)).gpu(i, "mem.reserved", reserved(i))
                    .gpu(i, "mem.used", used(i)).gpu(i, "mem.free", free(i))
                    .gpu(i, "util.gpu", 10 * i + 3).gpu(i, "util.mem", 5 * i + 1)
                    .gpu(i, "temp", 30 + i)
                    .gpu(i, "power", 100_000 + i * 12_345).gpu(i, "power.limit", 700_000 - i)
                    .gpu(i, "clock.sm", 1_410 + 10 * i).gpu(i, "clock.graphics", 999)
                    .gpu(i, "energy.start", energy(i))
                    .gpu(i, "procs", bigPid(i) + ":" + bigPidMemory(i) + "," + (PID_BASE + i) + ":na");
        }
        return c;
    }

    static String uuid(int i) {
        return "GPU-1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5" + i;
    }

    static String pci(int i) {
        return String.format("00000000:%02X:00.0", 0x18 + 0x11 * i);
    }

    /** Past 2^53: the counter is a u64 of millijoules, which a double would round. */
    static long energy(int i) {
        return 9_007_199_254_740_993L + 1_000_003L * i;
    }

    static GpuReading expected(int i) {
        return GpuReading.builder(i)
                .name(i % 2 == 0 ? "NVIDIA H100 80GB HBM3" : "NVIDIA H200")
                .uuid(uuid(i)).pciBusId(pci(i))
                .memoryTotalBytes(total(i)).memoryReservedBytes(reserved(i))
                .memoryUsedBytes(used(i)).memoryFreeBytes(free(i))
                .gpuUtilizationPercent(10 * i + 3).memoryUtilizationPercent(5 * i + 1)
                .temperatureCelsius(30 + i)
                .powerMilliwatts(100_000L + i * 12_345L).powerLimitMilliwatts(700_000L - i)
                .smClockMhz(1_410 + 10 * i).energyMillijoules(energy(i))
                .processes(List.of(
                        new GpuProcess(bigPid(i), bigPidMemory(i), null),
                        new GpuProcess(PID_BASE + i, null, PID_BASE + i == ENGINE_PID ? ENGINE : null)))
                .build();
    }
}
