package io.inferdeck.runner;

import java.util.Map;
import java.util.Optional;

/**
 * Ends the runner when the process that supervises it dies. A supervisor that is SIGKILLed (or crashes)
 * cannot stop its engines, and an orphaned engine keeps its port, memory and GPU. The supervisor names
 * itself in {@value #ENV}; the runner then stops gracefully, as on SIGTERM, when that process exits.
 */
final class SupervisorWatch {
    static final String ENV = "INFERDECK_SUPERVISOR_PID";

    private SupervisorWatch() {
    }

    /** Arms the watch when {@value #ENV} is set; {@code stop} runs once the supervisor is gone (at once if already gone). */
    static Optional<Long> arm(Map<String, String> env, Runnable stop) throws RunnerConfigException {
        String value = env.get(ENV);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw RunnerConfigException.usage(ENV + " must be a process id, not '" + value + "'");
        }
        Optional<ProcessHandle> supervisor = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (supervisor.isEmpty()) {
            RunnerLog.info("supervisor pid " + pid + " is gone: stopping");
            stop.run();
        } else {
            supervisor.get().onExit().thenRun(() -> {
                RunnerLog.info("supervisor pid " + pid + " exited: stopping");
                stop.run();
            });
        }
        return Optional.of(pid);
    }
}
