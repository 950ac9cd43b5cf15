package io.inferdeck.gpu;

import java.util.Optional;

/**
 * What the operating system says about a pid the driver reports: its command and owner. Called on
 * the sampler thread once per GPU process per sample, so implementations must be thread-safe and
 * cheap. {@link #NONE} for hosts (or tests) where pids mean nothing locally.
 */
@FunctionalInterface
public interface HostProcesses {

    HostProcesses NONE = pid -> Optional.empty();

    /** @param command command line, or the process name when the command line is unreadable */
    record Details(String command, String user) {
    }

    /** Empty when the pid is not visible here (gone, or in another pid namespace). */
    Optional<Details> describe(long pid);
}
