package io.inferdeck.runner;

/**
 * The runner cannot start with the given flags or model. The message is one line meant for an operator
 * (and for the supervisor's engine log); {@link #exitCode()} is what the process exits with.
 */
public final class RunnerConfigException extends Exception {
    /** Bad flags or flag combinations. */
    public static final int USAGE = 2;
    /** The model file, the native library or the listen address is unusable. */
    public static final int STARTUP = 1;

    private final int exitCode;

    public RunnerConfigException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public static RunnerConfigException usage(String message) {
        return new RunnerConfigException(message, USAGE);
    }

    public static RunnerConfigException startup(String message) {
        return new RunnerConfigException(message, STARTUP);
    }

    public int exitCode() {
        return exitCode;
    }
}
