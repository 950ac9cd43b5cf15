package io.inferdeck.control.gateway;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The calls one upstream is serving now, so that taking it out of rotation also ends them: a call waiting for its
 * first byte goes to another upstream, one whose reply already started ends as an upstream error at once, instead
 * of both waiting for the upstream timeouts (first byte, silence between streamed bytes) on an engine that will not
 * answer (SIGSTOPped, hung). Thread-safe: request threads add and remove, the health check's threads cut.
 */
final class InFlightCalls {
    /** Why a call was abandoned: its upstream was taken out of rotation while it was in flight. */
    static final class TakenOut extends IOException {
        TakenOut(String upstream) {
            super("upstream " + upstream + " was taken out of rotation");
        }
    }

    /** Removes a registered call; closed when the call is over. */
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }

    private final Set<Consumer<Throwable>> calls = ConcurrentHashMap.newKeySet();

    /**
     * Registers a call; {@code abandon} must end it without blocking (it may run on the health check's thread or the
     * supervisor's).
     */
    Handle add(Consumer<Throwable> abandon) {
        Consumer<Throwable> own = abandon::accept;   // a fresh identity: one lambda may be registered twice
        calls.add(own);
        return () -> calls.remove(own);
    }

    /** Ends every call registered now (see {@link #add}); a call registered after this returns is not affected. */
    void cut(String upstream) {
        TakenOut why = new TakenOut(upstream);
        for (Consumer<Throwable> c : calls) {
            if (calls.remove(c)) {
                c.accept(why);
            }
        }
    }

    int size() {
        return calls.size();
    }
}
