package io.inferdeck.gpu.nvml;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * nvml.h structs as JNA structures. JNA's default alignment equals the C ABI here (a u64 after a
 * u32 is padded to offset 8), so the Java sizes match the header; StructLayoutTest checks each.
 * C {@code unsigned int} fields are Java {@code int}: read them with
 * {@link Integer#toUnsignedLong(int)}. C {@code unsigned long long} is Java {@code long}; values
 * at or above 2^63 (only ever NVML_VALUE_NOT_AVAILABLE = ~0ULL in practice) read as negative.
 * Instances are reused across calls; not thread-safe.
 */
public final class NvmlStructs {

    private NvmlStructs() {
    }

    /** {@code nvmlMemory_t}: 24 bytes. In v1, "used" includes memory the driver reserves. */
    @FieldOrder({"total", "free", "used"})
    public static class MemoryV1 extends Structure {
        public long total;
        public long free;
        public long used;
    }

    /** {@code nvmlMemory_v2_t}: {@code {uint version; pad; u64 total, reserved, free, used}} = 40 bytes. */
    @FieldOrder({"version", "total", "reserved", "free", "used"})
    public static class MemoryV2 extends Structure {
        /** {@code nvmlMemory_v2} = sizeof(nvmlMemory_v2_t) | 2 << 24. */
        public static final int VERSION = 40 | 2 << 24;

        public int version = VERSION;
        public long total;
        public long reserved;
        public long free;
        public long used;
    }

    /** {@code nvmlUtilization_t}: percent over the driver's last sample period; 8 bytes. */
    @FieldOrder({"gpu", "memory"})
    public static class Utilization extends Structure {
        public int gpu;
        public int memory;
    }

    /** {@code nvmlTemperature_v1_t}: {@code {uint version; nvmlTemperatureSensors_t; int}} = 12 bytes. */
    @FieldOrder({"version", "sensorType", "temperature"})
    public static class TemperatureV1 extends Structure {
        /** {@code nvmlTemperature_v1} = sizeof(nvmlTemperature_v1_t) | 1 << 24. */
        public static final int VERSION = 12 | 1 << 24;

        public int version = VERSION;
        public int sensorType = NvmlLibrary.NVML_TEMPERATURE_GPU;
        public int temperature;
    }

    /** {@code nvmlPciInfo_t} as used by {@code nvmlDeviceGetPciInfo_v3}: 68 bytes. */
    @FieldOrder({"busIdLegacy", "domain", "bus", "device", "pciDeviceId", "pciSubSystemId", "busId"})
    public static class PciInfo extends Structure {
        public byte[] busIdLegacy = new byte[16];
        public int domain;
        public int bus;
        public int device;
        public int pciDeviceId;
        public int pciSubSystemId;
        public byte[] busId = new byte[32];
    }

    /** The original {@code nvmlPciInfo_t} of the unversioned {@code nvmlDeviceGetPciInfo}: 52 bytes. */
    @FieldOrder({"busId", "domain", "bus", "device", "pciDeviceId", "pciSubSystemId",
            "reserved0", "reserved1", "reserved2", "reserved3"})
    public static class PciInfoV1 extends Structure {
        public byte[] busId = new byte[16];
        public int domain;
        public int bus;
        public int device;
        public int pciDeviceId;
        public int pciSubSystemId;
        public int reserved0;
        public int reserved1;
        public int reserved2;
        public int reserved3;
    }

    /**
     * {@code nvmlProcessInfo_t} of the _v2/_v3 process queries:
     * {@code {uint pid; pad; u64 usedGpuMemory; uint gpuInstanceId; uint computeInstanceId}} = 24 bytes.
     */
    @FieldOrder({"pid", "usedGpuMemory", "gpuInstanceId", "computeInstanceId"})
    public static class ProcessInfo extends Structure {
        public int pid;
        public long usedGpuMemory;
        public int gpuInstanceId;
        public int computeInstanceId;

        /** Byte offset of {@code field} in the C layout. */
        public int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** {@code nvmlProcessInfo_v1_t} of the unversioned process query: {@code {uint pid; pad; u64}} = 16 bytes. */
    @FieldOrder({"pid", "usedGpuMemory"})
    public static class ProcessInfoV1 extends Structure {
        public int pid;
        public long usedGpuMemory;

        /** Byte offset of {@code field} in the C layout. */
        public int offsetOf(String field) {
            return fieldOffset(field);
        }
    }
}
