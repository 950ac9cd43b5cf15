package io.inferdeck.views.fx;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link BackgroundExecutor} on a fixed pool of named threads. */
final class ThreadPoolBackgroundExecutor implements BackgroundExecutor {

    /** How long {@link #close()} waits for running tasks before interrupting them. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    private static final System.Logger LOG = System.getLogger(ThreadPoolBackgroundExecutor.class.getName());

    private final String name;
    private final ExecutorService pool;

    ThreadPoolBackgroundExecutor(String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        this.name = name;
        AtomicInteger counter = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        });
    }

    @Override
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        pool.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "executor '" + name + "' still busy after "
                        + CLOSE_GRACE.toSeconds() + " s; interrupting");
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
