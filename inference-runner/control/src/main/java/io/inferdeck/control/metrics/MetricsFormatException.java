package io.inferdeck.control.metrics;

import java.io.IOException;

/** A /metrics body that is not Prometheus text format; names the 1-based line. */
public final class MetricsFormatException extends IOException {
    private final int line;

    public MetricsFormatException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
