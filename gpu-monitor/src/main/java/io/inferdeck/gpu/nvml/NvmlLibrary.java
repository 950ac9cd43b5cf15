package io.inferdeck.gpu.nvml;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * JNA interface mapping of the libnvidia-ml entry points InferDeck uses, with nvml.h's C
 * signatures: {@code nvmlReturn_t} and C enums are {@code int}, {@code unsigned int*} is an
 * {@link IntByReference} (read it unsigned), {@code nvmlDevice_t} is an opaque {@link Pointer}.
 *
 * <p>Interface mapping resolves each symbol on its first call, so a driver that lacks, say,
 * {@code nvmlDeviceGetMemoryInfo_v2} still loads; calling the missing one throws
 * {@link UnsatisfiedLinkError}, which {@link NvmlFallback} catches per call to fall back.
 * NVML itself is thread-safe; the reused output objects of the caller are not.
 */
public interface NvmlLibrary extends Library {

    int NVML_CLOCK_SM = 1;
    int NVML_TEMPERATURE_GPU = 0;
    int NVML_DEVICE_NAME_V2_BUFFER_SIZE = 96;
    int NVML_DEVICE_UUID_V2_BUFFER_SIZE = 96;
    int NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE = 80;
    int NVML_SYSTEM_NVML_VERSION_BUFFER_SIZE = 80;

    int nvmlInit_v2();

    int nvmlInit();

    int nvmlShutdown();

    String nvmlErrorString(int result);

    int nvmlSystemGetDriverVersion(byte[] version, int length);

    int nvmlSystemGetNVMLVersion(byte[] version, int length);

    int nvmlDeviceGetCount_v2(IntByReference deviceCount);

    int nvmlDeviceGetCount(IntByReference deviceCount);

    int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

    int nvmlDeviceGetHandleByIndex(int index, PointerByReference device);

    int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

    int nvmlDeviceGetPciInfo_v3(Pointer device, NvmlStructs.PciInfo pci);

    int nvmlDeviceGetPciInfo(Pointer device, NvmlStructs.PciInfoV1 pci);

    int nvmlDeviceGetMemoryInfo_v2(Pointer device, NvmlStructs.MemoryV2 memory);

    int nvmlDeviceGetMemoryInfo(Pointer device, NvmlStructs.MemoryV1 memory);

    int nvmlDeviceGetUtilizationRates(Pointer device, NvmlStructs.Utilization utilization);

    int nvmlDeviceGetTemperatureV(Pointer device, NvmlStructs.TemperatureV1 temperature);

    int nvmlDeviceGetTemperature(Pointer device, int sensorType, IntByReference temp);

    int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);

    int nvmlDeviceGetEnforcedPowerLimit(Pointer device, IntByReference milliwatts);

    int nvmlDeviceGetClockInfo(Pointer device, int clockType, IntByReference mhz);

    /** {@code unsigned long long*}: millijoules since the driver was loaded (Volta and newer). */
    int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference millijoules);

    /** {@code infos} points at an array of {@code nvmlProcessInfo_t} (24-byte v2/v3 layout). */
    int nvmlDeviceGetComputeRunningProcesses_v3(Pointer device, IntByReference infoCount, Pointer infos);

    int nvmlDeviceGetComputeRunningProcesses_v2(Pointer device, IntByReference infoCount, Pointer infos);

    /** The unversioned symbol is v1: {@code infos} holds 16-byte {@code {pid, usedGpuMemory}}. */
    int nvmlDeviceGetComputeRunningProcesses(Pointer device, IntByReference infoCount, Pointer infos);
}
