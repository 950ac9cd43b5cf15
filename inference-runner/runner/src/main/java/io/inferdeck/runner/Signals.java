package io.inferdeck.runner;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT start a graceful stop instead of the JVM's default exit (code 143), so the runner can
 * drain requests, close the model and exit 0. sun.misc.Signal lives in the jdk.unsupported module, which
 * every JDK ships and which exists for exactly this use.
 */
final class Signals {
    private Signals() {
    }

    /** {@code action} runs on the JVM's signal thread; it must return quickly. */
    static void onTerminate(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> action.run());
            } catch (IllegalArgumentException e) {
                // signal not available on this platform (e.g. TERM on some Windows setups)
            }
        }
    }
}
