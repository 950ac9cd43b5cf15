package io.inferdeck.views.fx;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/** {@link BackgroundExecutor} that runs each task on the caller's thread before returning. */
final class SameThreadBackgroundExecutor implements BackgroundExecutor {

    private volatile boolean closed;

    @Override
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        if (closed) {
            throw new RejectedExecutionException("executor closed");
        }
        try {
            return CompletableFuture.completedFuture(task.call());
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
