package io.inferdeck.tuning.fit;

/**
 * One GPU's share of a deployment, in bytes, against its free memory (NVML "free" before launch).
 * {@code layers} counts repeating layers placed here; {@code holdsOutput} whether the output layer is.
 */
public record GpuMemory(int index, long freeBytes, long weightBytes, long kvBytes, long computeBytes,
                        long overheadBytes, int layers, boolean holdsOutput, FitVerdict verdict) {

    public long totalBytes() {
        return weightBytes + kvBytes + computeBytes + overheadBytes;
    }

    /** Free memory left after loading; negative when it will not fit. */
    public long headroomBytes() {
        return freeBytes - totalBytes();
    }
}
