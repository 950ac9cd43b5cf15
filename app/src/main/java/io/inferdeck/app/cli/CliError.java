package io.inferdeck.app.cli;

/**
 * An expected error a command reports as one line, {@code inferdeck <cmd>: <what> — <what to do>}. Commands
 * throw it (or any exception {@link ErrorClassifier} knows) and {@link CliErrorHandler} prints it; no command
 * prints its own error lines. Exit 2 means bad input (fix the arguments or files), 1 a failure at run time.
 */
public final class CliError extends RuntimeException {
    public static final int BAD_INPUT = 2;
    public static final int FAILURE = 1;

    private final int exitCode;
    private final String remedy;

    /** @param remedy what to do about it; null lets the handler point at the command's --help */
    public CliError(int exitCode, String what, String remedy, Throwable cause) {
        super(what, cause);
        this.exitCode = exitCode;
        this.remedy = remedy;
    }

    public static CliError badInput(String what, String remedy) {
        return new CliError(BAD_INPUT, what, remedy, null);
    }

    public static CliError failure(String what, String remedy) {
        return new CliError(FAILURE, what, remedy, null);
    }

    public int exitCode() {
        return exitCode;
    }

    /** What to do about it, or null when "see --help" is the best advice. */
    public String remedy() {
        return remedy;
    }
}
