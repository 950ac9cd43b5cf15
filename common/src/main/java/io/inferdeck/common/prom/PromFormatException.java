package io.inferdeck.common.prom;

import java.io.IOException;

/**
 * Text that is not Prometheus exposition format, or exceeds the parser's bounds. The message starts
 * with {@code line N: }; {@link #line()} is that 1-based line. An IOException because the text
 * always comes from outside (an HTTP body, a file).
 */
public final class PromFormatException extends IOException {
    private final int line;

    public PromFormatException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
