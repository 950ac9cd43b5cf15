package io.inferdeck.gpu.nvml;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * Native array of process records, grown (never shrunk) as needed. Offsets come from the
 * JNA structures, so the layout stays declared in one place (NvmlStructs).
 */
final class NvmlProcessBuffer {

    private static final NvmlStructs.ProcessInfo V2 = new NvmlStructs.ProcessInfo();
    private static final NvmlStructs.ProcessInfoV1 V1 = new NvmlStructs.ProcessInfoV1();
    private static final int STRIDE_V2 = V2.size();
    private static final int STRIDE_V1 = V1.size();
    private static final int PID_V2 = V2.offsetOf("pid");
    private static final int USED_V2 = V2.offsetOf("usedGpuMemory");
    private static final int PID_V1 = V1.offsetOf("pid");
    private static final int USED_V1 = V1.offsetOf("usedGpuMemory");

    private Memory memory;
    private int capacity;
    private int count;
    private boolean v1Layout;

    NvmlProcessBuffer() {
        ensureCapacity(16);
    }

    int capacity() {
        return capacity;
    }

    Pointer pointer() {
        return memory;
    }

    void ensureCapacity(int wanted) {
        if (wanted > capacity) {
            memory = new Memory((long) wanted * STRIDE_V2); // fits either layout
            capacity = wanted;
        }
    }

    void filled(int n, boolean v1Layout) {
        count = Math.min(n, capacity);
        this.v1Layout = v1Layout;
    }

    int count() {
        return count;
    }

    long pid(int i) {
        long at = v1Layout ? (long) i * STRIDE_V1 + PID_V1 : (long) i * STRIDE_V2 + PID_V2;
        return Integer.toUnsignedLong(memory.getInt(at));
    }

    long usedMemory(int i) {
        return memory.getLong(v1Layout ? (long) i * STRIDE_V1 + USED_V1 : (long) i * STRIDE_V2 + USED_V2);
    }
}
