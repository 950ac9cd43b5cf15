package io.inferdeck.gpu.nvml;

import com.sun.jna.Pointer;
import io.inferdeck.gpu.EnginePidLookup;
import io.inferdeck.gpu.GpuProcess;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.HostProcesses;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns NVML return codes into readings for one initialised NVML session: SUCCESS sets the
 * field, GPU_IS_LOST marks the GPU lost and stops reading it, UNINITIALIZED asks the source to
 * re-initialise, anything else (NOT_SUPPORTED, NO_PERMISSION, ...) leaves that one field null
 * and reads the rest. Same thread as its {@link NvmlBinding}.
 */
final class NvmlDeviceReader {

    private static final int GPU_IS_LOST = NvmlReturn.ERROR_GPU_IS_LOST.code();
    private static final int UNINITIALIZED = NvmlReturn.ERROR_UNINITIALIZED.code();

    private final NvmlBinding nvml;
    private final EnginePidLookup pidLookup;
    private final HostProcesses hostProcesses;
    private final Device[] devices;
    private boolean needsReinit;

    /** Identity read once per session; {@code handle} is null when it could not be obtained. */
    private record Device(int index, Pointer handle, String uuid, String name, String pciBusId, boolean lostAtInit) {
    }

    NvmlDeviceReader(NvmlBinding nvml, EnginePidLookup pidLookup, HostProcesses hostProcesses, int count) {
        this.nvml = nvml;
        this.pidLookup = pidLookup;
        this.hostProcesses = hostProcesses;
        this.devices = new Device[count];
        for (int i = 0; i < count; i++) {
            devices[i] = identify(i);
        }
    }

    private Device identify(int index) {
        int rc = nvml.handleByIndex(index);
        if (rc != NvmlBinding.SUCCESS) {
            return new Device(index, null, null, null, null, rc == GPU_IS_LOST);
        }
        Pointer handle = nvml.handle();
        boolean lost = false;
        String[] texts = new String[3];
        for (int field = 0; field < 3 && !lost; field++) {
            rc = switch (field) {
                case 0 -> nvml.uuid(handle);
                case 1 -> nvml.name(handle);
                default -> nvml.pciBusId(handle);
            };
            lost = rc == GPU_IS_LOST;
            texts[field] = rc == NvmlBinding.SUCCESS ? nvml.text() : null;
        }
        return new Device(index, handle, texts[0], texts[1], texts[2], lost);
    }

    boolean needsReinit() {
        return needsReinit;
    }

    void readAll(GpuSnapshot.Builder snapshot) {
        for (Device d : devices) {
            snapshot.gpu(read(d));
        }
    }

    private GpuReading read(Device d) {
        Pointer h = d.handle();
        if (h == null || d.lostAtInit()) {
            return identity(d).lost(d.lostAtInit()).build();
        }
        GpuReading.Builder b = identity(d);
        // energy first: it is the one counter divided by the snapshot's time, so read it nearest to that
        int rc = nvml.totalEnergy(h);
        if (rc == NvmlBinding.SUCCESS) {
            b.energyMillijoules(bytes(nvml.longValue()));
        } else if (stop(rc)) {
            return interrupted(d, rc);
        }
        NvmlMemoryQuery memory = nvml.memory();
        rc = memory.read(h);
        if (rc == NvmlBinding.SUCCESS) {
            b.memoryTotalBytes(bytes(memory.total())).memoryUsedBytes(bytes(memory.used()))
                    .memoryFreeBytes(bytes(memory.free()))
                    .memoryReservedBytes(memory.hasReserved() ? bytes(memory.reserved()) : null);
        } else if (stop(rc)) {
            return interrupted(d, rc);
        }
        rc = nvml.utilization(h);
        if (rc == NvmlBinding.SUCCESS) {
            b.gpuUtilizationPercent(small(nvml.utilizationGpu())).memoryUtilizationPercent(small(nvml.utilizationMemory()));
        } else if (stop(rc)) {
            return interrupted(d, rc);
        }
        rc = nvml.temperature(h);
        if (rc == NvmlBinding.SUCCESS) {
            b.temperatureCelsius(nvml.temperature());
        } else if (stop(rc)) {
            return interrupted(d, rc);
        }
        rc = nvml.powerUsage(h);
        if (rc == NvmlBinding.SUCCESS) {
            b.powerMilliwatts(Integer.toUnsignedLong(nvml.intValue()));
        } else if (stop(rc)) {
            return interrupted(d, rc);
        }
        rc = nvml.enforcedPowerLimit(h);
        if (rc == NvmlBinding.SUCCESS) {
            b.powerLimitMilliwatts(Integer.toUnsignedLong(nvml.intValue()));
        } else if (stop(rc)) {
            return interrupted(d, rc);
        }
        rc = nvml.smClock(h);
        if (rc == NvmlBinding.SUCCESS) {
            b.smClockMhz(small(nvml.intValue()));
        } else if (stop(rc)) {
            return interrupted(d, rc);
        }
        rc = nvml.processes().read(h);
        if (rc == NvmlBinding.SUCCESS) {
            b.processes(processes());
        } else if (stop(rc)) {
            return interrupted(d, rc);
        }
        return b.build();
    }

    private static GpuReading.Builder identity(Device d) {
        return GpuReading.builder(d.index()).uuid(d.uuid()).name(d.name()).pciBusId(d.pciBusId());
    }

    /** A lost GPU keeps only its identity: values read before the loss are not trustworthy. */
    private static GpuReading interrupted(Device d, int rc) {
        return identity(d).lost(rc == GPU_IS_LOST).build();
    }

    /** True when this GPU's reading must end here: lost, or NVML no longer initialised. */
    private boolean stop(int rc) {
        if (rc == UNINITIALIZED) {
            needsReinit = true;
        }
        return rc == GPU_IS_LOST || rc == UNINITIALIZED;
    }

    private List<GpuProcess> processes() {
        NvmlProcessQuery found = nvml.processes();
        int n = found.count();
        List<GpuProcess> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long pid = found.pid(i);
            long used = found.usedMemory(i);
            GpuProcess p = new GpuProcess(pid, used < 0 ? null : used, pidLookup.engineName(pid).orElse(null));
            list.add(hostProcesses.describe(pid).map(p::describedAs).orElse(p));
        }
        return list;
    }

    /** u64 count (bytes, millijoules); the only value at or above 2^63 NVML uses is NOT_AVAILABLE (~0ULL). */
    private static Long bytes(long raw) {
        return raw < 0 ? null : raw;
    }

    /** u32 that fits an int (percent, MHz); anything larger is not a plausible reading. */
    private static Integer small(int raw) {
        return raw < 0 ? null : raw;
    }
}
