package io.inferdeck.runner;

/**
 * A failure inside llama.cpp, re-thrown as our own type: de.kherud's LlamaException is package-private,
 * so the engine boundary catches RuntimeException and wraps it here with a one-line message.
 */
public final class EngineException extends Exception {
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first line of a native message; llama.cpp messages are sometimes JSON or multi-line. */
    static String firstLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return m.strip().lines().findFirst().orElse(m);
    }
}
