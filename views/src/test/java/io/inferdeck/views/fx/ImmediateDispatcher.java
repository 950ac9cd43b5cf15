package io.inferdeck.views.fx;

import java.time.Duration;

/** Test dispatcher: every publish is delivered at once, on the publishing thread, so a test sees it when the call returns. */
public final class ImmediateDispatcher {
    private ImmediateDispatcher() {
    }

    public static FxDispatcher create() {
        return new FxDispatcher(Runnable::run, System::nanoTime, (task, delayNanos) -> task.run(), Duration.ZERO);
    }
}
