package io.inferdeck.gpu.nvml;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * Lists a device's compute processes: nvmlDeviceGetComputeRunningProcesses _v3, falling back to
 * _v2, then to the unversioned v1 (whose records have the v1 layout). Results are those of the last
 * {@link #read}. Not thread-safe: confine to the binding's thread.
 */
final class NvmlProcessQuery {

    /** Processes beyond this are not a real GPU; guards against a bogus count from the driver. */
    private static final int MAX_PROCESSES = 65_536;

    private final NvmlLibrary lib;
    private final int maxRetries;
    private final NvmlFallback v3 = new NvmlFallback(false);
    private final NvmlFallback v2 = new NvmlFallback(false);
    private final IntByReference countInOut = new IntByReference();
    private final NvmlProcessBuffer buffer = new NvmlProcessBuffer();

    NvmlProcessQuery(NvmlLibrary lib, int maxRetries) {
        this.lib = lib;
        this.maxRetries = maxRetries;
    }

    /**
     * The list can grow between NVML's "how many" answer and the next call, so INSUFFICIENT_SIZE is
     * retried with a larger buffer up to {@code maxRetries} times. On SUCCESS read the list with
     * {@link #count()}, {@link #pid(int)}, {@link #usedMemory(int)}.
     */
    int read(Pointer device) {
        for (int attempt = 0; ; attempt++) {
            countInOut.setValue(buffer.capacity());
            int rc = call(device);
            if (rc == NvmlBinding.SUCCESS) {
                buffer.filled(countInOut.getValue(), version() == 1);
                return rc;
            }
            buffer.filled(0, false);
            long needed = Integer.toUnsignedLong(countInOut.getValue());
            if (rc != NvmlBinding.ERROR_INSUFFICIENT_SIZE || attempt >= maxRetries || needed > MAX_PROCESSES) {
                return rc;
            }
            buffer.ensureCapacity((int) (needed + needed / 2 + 4));
        }
    }

    private int call(Pointer device) {
        Pointer records = buffer.pointer();
        return v3.call(() -> lib.nvmlDeviceGetComputeRunningProcesses_v3(device, countInOut, records),
                () -> v2.call(() -> lib.nvmlDeviceGetComputeRunningProcesses_v2(device, countInOut, records),
                        () -> lib.nvmlDeviceGetComputeRunningProcesses(device, countInOut, records)));
    }

    /** 3, 2 or 1: the entry point in use. */
    int version() {
        return v3.usesNewer() ? 3 : v2.usesNewer() ? 2 : 1;
    }

    int count() {
        return buffer.count();
    }

    long pid(int i) {
        return buffer.pid(i);
    }

    /** Raw u64; NVML_VALUE_NOT_AVAILABLE (~0ULL) reads as -1. */
    long usedMemory(int i) {
        return buffer.usedMemory(i);
    }
}
