package io.inferdeck.gpu.nvml;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls into libnvidia-ml with version fallbacks and reused output buffers, and returns raw NVML
 * codes; {@link NvmlGpuSource} decides what they mean for a reading. Memory and process queries,
 * which own larger structures, are {@link #memory()} and {@link #processes()}.
 *
 * <p>Fallbacks ({@link NvmlFallback}): init/count/handle _v2 -> unversioned, memory _v2 -> v1,
 * temperature V -> legacy, PCI _v3 -> v1, processes _v3 -> _v2 -> v1.
 *
 * <p>Not thread-safe: every output structure is a reused field (allocating them per call costs
 * several times the call itself). Confine an instance to one thread.
 */
public final class NvmlBinding {

    static final int SUCCESS = 0;
    static final int ERROR_INSUFFICIENT_SIZE = 7;
    static final int ERROR_FUNCTION_NOT_FOUND = 13;
    static final int ERROR_ARGUMENT_VERSION_MISMATCH = 25;

    private final NvmlLibrary lib;
    private final NvmlMemoryQuery memory;
    private final NvmlProcessQuery processes;

    private final NvmlFallback initV2 = new NvmlFallback(false);
    private final NvmlFallback countV2 = new NvmlFallback(false);
    private final NvmlFallback handleV2 = new NvmlFallback(false);
    private final NvmlFallback pciV3 = new NvmlFallback(true);
    private final NvmlFallback temperatureV = new NvmlFallback(true);

    private final IntByReference intOut = new IntByReference();
    private final LongByReference longOut = new LongByReference();
    private final PointerByReference handleOut = new PointerByReference();
    private final byte[] text = new byte[NvmlLibrary.NVML_DEVICE_NAME_V2_BUFFER_SIZE];
    private final NvmlStructs.Utilization util = new NvmlStructs.Utilization();
    private final NvmlStructs.TemperatureV1 tempV = new NvmlStructs.TemperatureV1();
    private final NvmlStructs.PciInfo pci = new NvmlStructs.PciInfo();
    private final NvmlStructs.PciInfoV1 pciV1 = new NvmlStructs.PciInfoV1();

    private int lastTemperature;
    private String lastText;

    NvmlBinding(NvmlLibrary lib, int maxProcessRetries) {
        this.lib = lib;
        this.memory = new NvmlMemoryQuery(lib);
        this.processes = new NvmlProcessQuery(lib, maxProcessRetries);
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
        return initV2.call(lib::nvmlInit_v2, lib::nvmlInit);
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
        return countV2.call(() -> lib.nvmlDeviceGetCount_v2(intOut), () -> lib.nvmlDeviceGetCount(intOut));
    }

    /** On SUCCESS, {@link #handle()} holds the device handle. */
    public int handleByIndex(int index) {
        return handleV2.call(() -> lib.nvmlDeviceGetHandleByIndex_v2(index, handleOut),
                () -> lib.nvmlDeviceGetHandleByIndex(index, handleOut));
    }

    // ------------------------------------------------------------------ device

    public int name(Pointer device) {
        return text(lib.nvmlDeviceGetName(device, text, NvmlLibrary.NVML_DEVICE_NAME_V2_BUFFER_SIZE));
    }

    public int uuid(Pointer device) {
        return text(lib.nvmlDeviceGetUUID(device, text, NvmlLibrary.NVML_DEVICE_UUID_V2_BUFFER_SIZE));
    }

    /** On SUCCESS, {@link #text()} holds the bus id ("00000000:18:00.0"; 16-char legacy form on v1). */
    public int pciBusId(Pointer device) {
        int rc = pciV3.call(() -> lib.nvmlDeviceGetPciInfo_v3(device, pci), () -> lib.nvmlDeviceGetPciInfo(device, pciV1));
        lastText = rc == SUCCESS ? cString(pciV3.usesNewer() ? pci.busId : pciV1.busId) : null;
        return rc;
    }

    /** nvmlDeviceGetMemoryInfo and its results. */
    NvmlMemoryQuery memory() {
        return memory;
    }

    public int utilization(Pointer device) {
        return lib.nvmlDeviceGetUtilizationRates(device, util);
    }

    /** On SUCCESS, {@link #temperature()} holds degrees Celsius of the GPU die sensor. */
    public int temperature(Pointer device) {
        return temperatureV.call(() -> {
            tempV.version = NvmlStructs.TemperatureV1.VERSION;
            tempV.sensorType = NvmlLibrary.NVML_TEMPERATURE_GPU;
            int rc = lib.nvmlDeviceGetTemperatureV(device, tempV);
            lastTemperature = tempV.temperature;
            return rc;
        }, () -> {
            int rc = lib.nvmlDeviceGetTemperature(device, NvmlLibrary.NVML_TEMPERATURE_GPU, intOut);
            lastTemperature = intOut.getValue();
            return rc;
        });
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
     * On SUCCESS, {@link #longValue()} holds millijoules since driver load (u64; never wraps in
     * practice). Drivers older than the entry point (pre-R410) answer FUNCTION_NOT_FOUND, so the
     * field is n/a like on a pre-Volta GPU, which answers NOT_SUPPORTED itself.
     */
    public int totalEnergy(Pointer device) {
        try {
            return lib.nvmlDeviceGetTotalEnergyConsumption(device, longOut);
        } catch (UnsatisfiedLinkError e) {
            return ERROR_FUNCTION_NOT_FOUND;
        }
    }

    /** nvmlDeviceGetComputeRunningProcesses and its results. */
    NvmlProcessQuery processes() {
        return processes;
    }

    // ------------------------------------------------------------------ results of the last call

    public int intValue() {
        return intOut.getValue();
    }

    public long longValue() {
        return longOut.getValue();
    }

    public Pointer handle() {
        return handleOut.getValue();
    }

    public String text() {
        return lastText;
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

    /** Which struct versions are in use, for the source's status line and tests. */
    public String versions() {
        return "init" + (initV2.usesNewer() ? "_v2" : "") + " memory" + (memory.usesV2() ? "_v2" : "_v1")
                + " temperature" + (temperatureV.usesNewer() ? "V" : "") + " processes_v" + processes.version();
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
