package io.inferdeck.views.fx;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Where view-models send work that must not run on the FX thread (file I/O, HTTP, native calls).
 * Results come back as futures; a view-model hands them to the FX thread itself (through the
 * {@link FxDispatcher} or the caller's FX-thread continuation), never by blocking on them.
 *
 * <p>Owned and closed by the composition root. Tests use {@link #sameThread()}.
 */
public interface BackgroundExecutor extends AutoCloseable {

    /**
     * Runs {@code task} in the background. A task that throws completes the future exceptionally.
     *
     * @throws java.util.concurrent.RejectedExecutionException after {@link #close()}
     */
    <T> CompletableFuture<T> submit(Callable<T> task);

    default CompletableFuture<Void> execute(Runnable task) {
        return submit(() -> {
            task.run();
            return null;
        });
    }

    /** Stops accepting work and waits a bounded time for running tasks to finish. */
    @Override
    void close();

    /** A fixed pool of non-daemon threads named {@code name-1 .. name-N}. */
    static BackgroundExecutor threadPool(String name, int threads) {
        return new ThreadPoolBackgroundExecutor(name, threads);
    }

    /** Runs every task immediately on the calling thread: deterministic tests without waiting. */
    static BackgroundExecutor sameThread() {
        return new SameThreadBackgroundExecutor();
    }
}
