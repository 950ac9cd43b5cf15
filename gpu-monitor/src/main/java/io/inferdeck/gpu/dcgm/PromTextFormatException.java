package io.inferdeck.gpu.dcgm;

/** Text that is not valid Prometheus exposition format; the message names the line. */
public final class PromTextFormatException extends RuntimeException {

    private final int line;

    public PromTextFormatException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
