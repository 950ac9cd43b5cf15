package io.inferdeck.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.runner.bench.RunnerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 21: truncating the served file cannot SIGBUS the engine (the runner serves a private snapshot). */
class ModelSnapshotProcessTest {
    @TempDir
    Path dir;

    @Test
    void truncatingTheOriginalWhileServingDoesNotCrashTheEngine() throws Exception {
        Path model = dir.resolve("tiny.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.F32, model);
        try (RunnerProcess p = RunnerProcess.start(List.of("--model", model.toString(), "--port", "0", "--ctx", "256",
                "--parallel", "1", "--threads", "1"), dir.resolve("runner.log"), Duration.ofSeconds(60))) {
            try (FileChannel ch = FileChannel.open(model, StandardOpenOption.WRITE)) {
                ch.truncate(100);
            }
            assertThat(complete(p.base())).isEqualTo(200);
            assertThat(p.process().isAlive()).isTrue();
            assertThat(p.stop(Duration.ofSeconds(15))).isZero();
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
        }
    }

    private static int complete(URI base) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest req = HttpRequest.newBuilder(base.resolve("v1/completions")).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"Hello\",\"max_tokens\":8}")).build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
