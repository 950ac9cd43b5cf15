package io.inferdeck.gpu.nvml;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls into libnvidia-ml with version fallbacks and reused output buffers, and returns raw NVML
 * codes; {@link NvmlGpuSource} decides what they mean for a reading.
 *
 * <p>Fallbacks: a versioned entry point that is missing ({@link UnsatisfiedLinkError} on first
 * call, or NVML_ERROR_FUNCTION_NOT_FOUND) or rejects the struct version
 * (NVML_ERROR_ARGUMENT_VERSION_MISMATCH) is remembered as absent and its older form is used from
 * then on: init/count/handle _v2 -> unversioned, memory _v2 -> v1, temperature V -> legacy,
 * PCI _v3 -> v1, processes _v3 -> _v2 -> v1.
 *
 * <p>Not thread-safe: every output structure is a reused field (allocating them per call costs
 * several times the call itself). Confine an instance to one thread.
 */
public final class NvmlBinding {

    static final int SUCCESS = 0;
    static final int ERROR_INSUFFICIENT_SIZE = 7;
    static final int ERROR_FUNCTION_NOT_FOUND = 13;
    static final int ERROR_ARGUMENT_VERSION_MISMATCH = 25;
    /** Processes beyond this are not a real GPU; guards against a bogus count from the driver. */
    private static final int MAX_PROCESSES = 65_536;

    private final NvmlLibrary lib;
    private final int maxProcessRetries;

    private boolean initV2 = true;
    private boolean countV2 = true;
    private boolean handleV2 = true;
    private boolean pciV3 = true;
    private boolean memoryV2 = true;
    private boolean temperatureV = true;
    private int processesVersion = 3;

    private final IntByReference intOut = new IntByReference();
    private final PointerByReference handleOut = new PointerByReference();
    private final byte[] text = new byte[NvmlLibrary.NVML_DEVICE_NAME_V2_BUFFER_SIZE];
    private final NvmlStructs.MemoryV2 memV2 = new NvmlStructs.MemoryV2();
    private final NvmlStructs.MemoryV1 memV1 = new NvmlStructs.MemoryV1();
    private final NvmlStructs.Utilization util = new NvmlStructs.Utilization();
    private final NvmlStructs.TemperatureV1 tempV = new NvmlStructs.TemperatureV1();
    private final NvmlStructs.PciInfo pci = new NvmlStructs.PciInfo();
    private final NvmlStructs.PciInfoV1 pciV1 = new NvmlStructs.PciInfoV1();
    private final NvmlProcessBuffer processes = new NvmlProcessBuffer();

    private boolean lastMemoryV2;
    private int lastTemperature;
    private String lastText;

    NvmlBinding(NvmlLibrary lib, int maxProcessRetries) {
        this.lib = lib;
        this.maxProcessRetries = maxProcessRetries;
    }

    /**
     * Loads the first library of {@code candidates} that dlopen accepts.
     *
     * @throws NvmlUnavailableException with every candidate's dlopen error when none loads
     */
    public static NvmlBinding load(List<String> candidates, int maxProcessRetries) {
        List<String> reasons = new ArrayList<>();
        for (String candidate : candidates) {
            try {
                return new NvmlBinding(Native.load(candidate, NvmlLibrary.class), maxProcessRetries);
            } catch (UnsatisfiedLinkError e) {
                reasons.add(loadFailure(candidate, e));
            }
        }
        throw new NvmlUnavailableException(String.join("; ", reasons));
    }

    /** JNA's message lists the resource-path search too; the dlopen error is what helps. */
    private static String loadFailure(String candidate, UnsatisfiedLinkError e) {
        for (Throwable suppressed : e.getSuppressed()) {
            String m = suppressed.getMessage();
            if (m != null && !m.startsWith("Native library")) {
                return m.strip();
            }
        }
        String m = e.getMessage() == null ? "" : e.getMessage().strip();
        return m.isEmpty() ? candidate + ": cannot be loaded" : m.lines().findFirst().orElse(m);
    }

    // ------------------------------------------------------------------ library

    public int init() {
        if (initV2) {
            try {
                int rc = lib.nvmlInit_v2();
                if (rc != ERROR_FUNCTION_NOT_FOUND) {
                    return rc;
                }
            } catch (UnsatisfiedLinkError e) {
                // pre-v2 driver
            }
            initV2 = false;
        }
        return lib.nvmlInit();
    }

    public int shutdown() {
        return lib.nvmlShutdown();
    }

    /** Driver's own text for {@code rc}, or null when even that call is unavailable. */
    public String errorString(int rc) {
        try {
            return lib.nvmlErrorString(rc);
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }

    public int driverVersion() {
        return text(lib.nvmlSystemGetDriverVersion(text, NvmlLibrary.NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE));
    }

    public int nvmlVersion() {
        return text(lib.nvmlSystemGetNVMLVersion(text, NvmlLibrary.NVML_SYSTEM_NVML_VERSION_BUFFER_SIZE));
    }

    /** On SUCCESS, {@link #intValue()} holds the count. */
    public int deviceCount() {
        if (countV2) {
            try {
                int rc = lib.nvmlDeviceGetCount_v2(intOut);
                if (rc != ERROR_FUNCTION_NOT_FOUND) {
                    return rc;
                }
            } catch (UnsatisfiedLinkError e) {
                // fall through
            }
            countV2 = false;
        }
        return lib.nvmlDeviceGetCount(intOut);
    }

    /** On SUCCESS, {@link #handle()} holds the device handle. */
    public int handleByIndex(int index) {
        if (handleV2) {
            try {
                int rc = lib.nvmlDeviceGetHandleByIndex_v2(index, handleOut);
                if (rc != ERROR_FUNCTION_NOT_FOUND) {
                    return rc;
                }
            } catch (UnsatisfiedLinkError e) {
                // fall through
            }
            handleV2 = false;
        }
        return lib.nvmlDeviceGetHandleByIndex(index, handleOut);
    }

    public int name(Pointer device) {
        return text(lib.nvmlDeviceGetName(device, text, NvmlLibrary.NVML_DEVICE_NAME_V2_BUFFER_SIZE));
    }

    public int uuid(Pointer device) {
        return text(lib.nvmlDeviceGetUUID(device, text, NvmlLibrary.NVML_DEVICE_UUID_V2_BUFFER_SIZE));
    }

    /** On SUCCESS, {@link #text()} holds the bus id ("00000000:18:00.0"; 16-char legacy form on v1). */
    public int pciBusId(Pointer device) {
        if (pciV3) {
            try {
                int rc = lib.nvmlDeviceGetPciInfo_v3(device, pci);
                if (rc != ERROR_FUNCTION_NOT_FOUND && rc != ERROR_ARGUMENT_VERSION_MISMATCH) {
                    lastText = rc == SUCCESS ? cString(pci.busId) : null;
                    return rc;
                }
            } catch (UnsatisfiedLinkError e) {
                // fall through
            }
            pciV3 = false;
        }
        int rc = lib.nvmlDeviceGetPciInfo(device, pciV1);
        lastText = rc == SUCCESS ? cString(pciV1.busId) : null;
        return rc;
    }

    /** On SUCCESS, read the result with {@link #memoryTotal()} and friends. */
    public int memory(Pointer device) {
        if (memoryV2) {
            try {
                memV2.version = NvmlStructs.MemoryV2.VERSION;
                int rc = lib.nvmlDeviceGetMemoryInfo_v2(device, memV2);
                if (rc != ERROR_FUNCTION_NOT_FOUND && rc != ERROR_ARGUMENT_VERSION_MISMATCH) {
                    lastMemoryV2 = true;
                    return rc;
                }
            } catch (UnsatisfiedLinkError e) {
                // fall through
            }
            memoryV2 = false;
        }
        lastMemoryV2 = false;
        return lib.nvmlDeviceGetMemoryInfo(device, memV1);
    }

    public int utilization(Pointer device) {
        return lib.nvmlDeviceGetUtilizationRates(device, util);
    }

    /** On SUCCESS, {@link #temperature()} holds degrees Celsius of the GPU die sensor. */
    public int temperature(Pointer device) {
        if (temperatureV) {
            try {
                tempV.version = NvmlStructs.TemperatureV1.VERSION;
                tempV.sensorType = NvmlLibrary.NVML_TEMPERATURE_GPU;
                int rc = lib.nvmlDeviceGetTemperatureV(device, tempV);
                if (rc != ERROR_FUNCTION_NOT_FOUND && rc != ERROR_ARGUMENT_VERSION_MISMATCH) {
                    lastTemperature = tempV.temperature;
                    return rc;
                }
            } catch (UnsatisfiedLinkError e) {
                // fall through
            }
            temperatureV = false;
        }
        int rc = lib.nvmlDeviceGetTemperature(device, NvmlLibrary.NVML_TEMPERATURE_GPU, intOut);
        lastTemperature = intOut.getValue();
        return rc;
    }

    /** On SUCCESS, {@link #intValue()} holds milliwatts (unsigned). */
    public int powerUsage(Pointer device) {
        return lib.nvmlDeviceGetPowerUsage(device, intOut);
    }

    /** On SUCCESS, {@link #intValue()} holds milliwatts (unsigned). */
    public int enforcedPowerLimit(Pointer device) {
        return lib.nvmlDeviceGetEnforcedPowerLimit(device, intOut);
    }

    /** On SUCCESS, {@link #intValue()} holds the SM clock in MHz (unsigned). */
    public int smClock(Pointer device) {
        return lib.nvmlDeviceGetClockInfo(device, NvmlLibrary.NVML_CLOCK_SM, intOut);
    }

    /**
     * Lists compute processes. The list can grow between NVML's "how many" answer and the next
     * call, so INSUFFICIENT_SIZE is retried with a larger buffer up to {@code maxProcessRetries}
     * times. On SUCCESS read the list with {@link #processCount()}, {@link #processPid(int)},
     * {@link #processUsedMemory(int)}.
     */
    public int computeProcesses(Pointer device) {
        for (int attempt = 0; ; attempt++) {
            intOut.setValue(processes.capacity());
            int rc = callProcesses(device);
            if (rc == SUCCESS) {
                processes.filled(intOut.getValue(), processesVersion == 1);
                return rc;
            }
            processes.filled(0, false);
            long needed = Integer.toUnsignedLong(intOut.getValue());
            if (rc != ERROR_INSUFFICIENT_SIZE || attempt >= maxProcessRetries || needed > MAX_PROCESSES) {
                return rc;
            }
            processes.ensureCapacity((int) (needed + needed / 2 + 4));
        }
    }

    private int callProcesses(Pointer device) {
        Pointer buffer = processes.pointer();
        if (processesVersion == 3) {
            try {
                int rc = lib.nvmlDeviceGetComputeRunningProcesses_v3(device, intOut, buffer);
                if (rc != ERROR_FUNCTION_NOT_FOUND) {
                    return rc;
                }
            } catch (UnsatisfiedLinkError e) {
                // fall through
            }
            processesVersion = 2;
        }
        if (processesVersion == 2) {
            try {
                int rc = lib.nvmlDeviceGetComputeRunningProcesses_v2(device, intOut, buffer);
                if (rc != ERROR_FUNCTION_NOT_FOUND) {
                    return rc;
                }
            } catch (UnsatisfiedLinkError e) {
                // fall through
            }
            processesVersion = 1;
        }
        return lib.nvmlDeviceGetComputeRunningProcesses(device, intOut, buffer);
    }

    // ------------------------------------------------------------------ results of the last call

    public int intValue() {
        return intOut.getValue();
    }

    public Pointer handle() {
        return handleOut.getValue();
    }

    public String text() {
        return lastText;
    }

    public boolean memoryHasReserved() {
        return lastMemoryV2;
    }

    public long memoryTotal() {
        return lastMemoryV2 ? memV2.total : memV1.total;
    }

    public long memoryUsed() {
        return lastMemoryV2 ? memV2.used : memV1.used;
    }

    public long memoryFree() {
        return lastMemoryV2 ? memV2.free : memV1.free;
    }

    public long memoryReserved() {
        return lastMemoryV2 ? memV2.reserved : 0;
    }

    public int utilizationGpu() {
        return util.gpu;
    }

    public int utilizationMemory() {
        return util.memory;
    }

    public int temperature() {
        return lastTemperature;
    }

    public int processCount() {
        return processes.count();
    }

    public long processPid(int i) {
        return processes.pid(i);
    }

    /** Raw u64; NVML_VALUE_NOT_AVAILABLE (~0ULL) reads as -1. */
    public long processUsedMemory(int i) {
        return processes.usedMemory(i);
    }

    /** Which struct versions are in use, for the source's status line and tests. */
    public String versions() {
        return "init" + (initV2 ? "_v2" : "") + " memory" + (memoryV2 ? "_v2" : "_v1")
                + " temperature" + (temperatureV ? "V" : "") + " processes_v" + processesVersion;
    }

    private int text(int rc) {
        lastText = rc == SUCCESS ? cString(text) : null;
        return rc;
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
