package io.inferdeck.gpu;

/**
 * A compute process holding memory on a GPU.
 *
 * @param pid             process id as the driver reports it (host pid namespace)
 * @param usedMemoryBytes GPU memory held by the process; null when the driver cannot say
 *                        (NVML_VALUE_NOT_AVAILABLE, e.g. under WDDM or without permission)
 * @param engineName      the deployment (profile name, "#replica" when several) the console started
 *                        with this pid; null when the pid is not one of ours
 * @param command         its command line, or its name when the command line is unreadable; null
 *                        when the OS tells nothing (another pid namespace, process gone)
 * @param user            the owning user's name (numeric uid when it has none); null as above
 */
public record GpuProcess(long pid, Long usedMemoryBytes, String engineName, String command, String user) {

    public GpuProcess {
        if (pid < 0) {
            throw new IllegalArgumentException("pid must not be negative: " + pid);
        }
    }

    /** A process the OS told nothing about. */
    public GpuProcess(long pid, Long usedMemoryBytes, String engineName) {
        this(pid, usedMemoryBytes, engineName, null, null);
    }

    /** This process with what the OS says about it. */
    public GpuProcess describedAs(HostProcesses.Details details) {
        return new GpuProcess(pid, usedMemoryBytes, engineName, details.command(), details.user());
    }
}
