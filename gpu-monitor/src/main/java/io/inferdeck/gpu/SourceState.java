package io.inferdeck.gpu;

import java.util.Objects;

/**
 * How a {@link GpuSource} is doing. {@code message} is meant for people: for {@link Status#OK} it
 * names the source ("NVML 12.550.54, driver 550.54.14"), otherwise it says what is wrong, e.g.
 * "NVML not available: libnvidia-ml.so.1: cannot open shared object file".
 */
public record SourceState(Status status, String message) {

    public enum Status {
        /** Readings are live. */
        OK,
        /** No GPU telemetry here (no driver, no library, exporter not configured); not an error. */
        UNAVAILABLE,
        /** The source exists but the last sample failed; it will be retried. */
        ERROR
    }

    public SourceState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    public static SourceState ok(String message) {
        return new SourceState(Status.OK, message);
    }

    public static SourceState unavailable(String message) {
        return new SourceState(Status.UNAVAILABLE, message);
    }

    public static SourceState error(String message) {
        return new SourceState(Status.ERROR, message);
    }

    public boolean isOk() {
        return status == Status.OK;
    }
}
