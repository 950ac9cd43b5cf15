package io.inferdeck.gpu.nvml;

import com.sun.jna.Pointer;

/**
 * nvmlDeviceGetMemoryInfo_v2, falling back to v1 (no reserved figure), into reused structs.
 * Results are those of the last {@link #read}; byte counts are raw u64 (negative means ~0ULL).
 * Not thread-safe: confine to the binding's thread.
 */
final class NvmlMemoryQuery {

    private final NvmlLibrary lib;
    private final NvmlFallback v2 = new NvmlFallback(true);
    private final NvmlStructs.MemoryV2 memV2 = new NvmlStructs.MemoryV2();
    private final NvmlStructs.MemoryV1 memV1 = new NvmlStructs.MemoryV1();
    private boolean lastV2;

    NvmlMemoryQuery(NvmlLibrary lib) {
        this.lib = lib;
    }

    /** On SUCCESS, read the result with {@link #total()} and friends. */
    int read(Pointer device) {
        int rc = v2.call(() -> {
            memV2.version = NvmlStructs.MemoryV2.VERSION;
            return lib.nvmlDeviceGetMemoryInfo_v2(device, memV2);
        }, () -> lib.nvmlDeviceGetMemoryInfo(device, memV1));
        lastV2 = v2.usesNewer();
        return rc;
    }

    boolean usesV2() {
        return v2.usesNewer();
    }

    boolean hasReserved() {
        return lastV2;
    }

    long total() {
        return lastV2 ? memV2.total : memV1.total;
    }

    long used() {
        return lastV2 ? memV2.used : memV1.used;
    }

    long free() {
        return lastV2 ? memV2.free : memV1.free;
    }

    long reserved() {
        return lastV2 ? memV2.reserved : 0;
    }
}
