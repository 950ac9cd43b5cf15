package io.inferdeck.gpu;

/**
 * A compute process holding memory on a GPU.
 *
 * @param pid             process id as the driver reports it (host pid namespace)
 * @param usedMemoryBytes GPU memory held by the process; null when the driver cannot say
 *                        (NVML_VALUE_NOT_AVAILABLE, e.g. under WDDM or without permission)
 * @param engineName      name of the engine the console started with this pid; null when the pid
 *                        is not one of ours
 */
public record GpuProcess(long pid, Long usedMemoryBytes, String engineName) {

    public GpuProcess {
        if (pid < 0) {
            throw new IllegalArgumentException("pid must not be negative: " + pid);
        }
    }
}
