package io.inferdeck.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.runner.bench.RunnerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runner whose supervisor dies (SIGKILL: no chance to stop its engines) stops by itself. */
class SupervisorWatchTest {
    @TempDir
    Path dir;

    @Test
    void runnerExitsCleanlyWhenItsSupervisorIsKilled() throws Exception {
        Path model = dir.resolve("tiny.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, model);
        Process supervisor = new ProcessBuilder("sleep", "120").start();   // stands in for the console JVM
        try (RunnerProcess runner = RunnerProcess.start(List.of("--model", model.toString(), "--port", "0"),
                Map.of(SupervisorWatch.ENV, Long.toString(supervisor.pid())), dir.resolve("runner.log"), Duration.ofSeconds(60))) {
            assertThat(runner.process().isAlive()).isTrue();
            supervisor.destroyForcibly().waitFor();
            assertThat(runner.process().waitFor(20, TimeUnit.SECONDS)).as("runner stops after its supervisor died").isTrue();
            assertThat(runner.process().exitValue()).isZero();
        } finally {
            supervisor.destroyForcibly();
        }
    }

    @Test
    void noVariableNoWatchAGonePidStopsAtOnceAndGarbageIsAUsageError() throws Exception {
        AtomicInteger stops = new AtomicInteger();
        assertThat(SupervisorWatch.arm(Map.of(), stops::incrementAndGet)).isEmpty();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertThat(SupervisorWatch.arm(Map.of(SupervisorWatch.ENV, Long.toString(gone.pid())), stops::incrementAndGet)).isPresent();
        assertThat(stops).hasValue(1);
        assertThatThrownBy(() -> SupervisorWatch.arm(Map.of(SupervisorWatch.ENV, "abc"), stops::incrementAndGet))
                .isInstanceOf(RunnerConfigException.class).hasMessageContaining(SupervisorWatch.ENV);
    }
}
