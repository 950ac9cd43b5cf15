package io.inferdeck.safety.guard;

/**
 * Why a guard call gave no usable answer; the wire name goes into the verdict's rule and the failure counts.
 * Never carries the judged text or the reply (either may quote it).
 */
public enum GuardFailure {
    /** No complete reply within the configured time. */
    TIMEOUT,
    /** The engine answered with a non-2xx status. */
    HTTP_STATUS,
    /** The reply body passed the size cap. */
    TOO_LARGE,
    /** The body was not a chat completion, or its text was neither "safe" nor "unsafe" + known codes. */
    MALFORMED,
    /** Connection refused, reset or similar. */
    IO;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A failed call, carrying only its kind. */
    static final class Exception extends java.lang.Exception {
        private final GuardFailure kind;

        Exception(GuardFailure kind, String detail) {
            super(kind.wire() + ": " + detail, null, false, false);
            this.kind = kind;
        }

        GuardFailure kind() {
            return kind;
        }
    }
}
