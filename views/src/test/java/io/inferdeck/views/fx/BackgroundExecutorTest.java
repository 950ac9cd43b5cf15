package io.inferdeck.views.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BackgroundExecutorTest {

    @Test
    void threadPoolRunsOnNamedThreadsAndReturnsResults() throws Exception {
        try (BackgroundExecutor executor = BackgroundExecutor.threadPool("test-io", 2)) {
            String thread = executor.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
            assertThat(thread).matches("test-io-[12]");
            assertThat(thread).isNotEqualTo(Thread.currentThread().getName());
        }
    }

    @Test
    void aThrowingTaskFailsItsFutureOnly() throws Exception {
        try (BackgroundExecutor executor = BackgroundExecutor.threadPool("test-io", 1)) {
            var failed = executor.submit(() -> {
                throw new IOException("disk full");
            });
            assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasRootCauseMessage("disk full");
            assertThat(executor.submit(() -> 42).get(5, TimeUnit.SECONDS)).isEqualTo(42);
        }
    }

    @Test
    void closeLetsRunningWorkFinishThenRejectsNewWork() throws Exception {
        BackgroundExecutor executor = BackgroundExecutor.threadPool("test-io", 1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        executor.execute(() -> {
            started.countDown();
            sleep(150);
            finished.set(true);
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        executor.close();

        assertThat(finished).isTrue();
        assertThatThrownBy(() -> executor.submit(() -> 1)).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void sameThreadRunsInlineOnTheCaller() {
        BackgroundExecutor executor = BackgroundExecutor.sameThread();
        var name = executor.submit(() -> Thread.currentThread().getName());
        assertThat(name).isCompletedWithValue(Thread.currentThread().getName());
        assertThat(executor.submit(() -> {
            throw new IllegalStateException("x");
        })).isCompletedExceptionally();

        executor.close();
        assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
