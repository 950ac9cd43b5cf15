package io.inferdeck.views.fx;

/** A monotonic nanosecond time source; injected so rate limits are testable without sleeping. */
@FunctionalInterface
public interface Ticker {

    /** Monotonic nanoseconds; only differences are meaningful (like {@link System#nanoTime()}). */
    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
