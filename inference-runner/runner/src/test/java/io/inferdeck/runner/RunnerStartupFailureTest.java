package io.inferdeck.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufEdit;
import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.GgufValue;
import io.inferdeck.gguf.GgufValueType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.runner.bench.RunnerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runner process refuses bad models and bad knobs before any native code runs: non-zero exit and
 * exactly one line on stderr. Several of these inputs crash or abort the JVM when they reach llama.cpp
 * (a quantized K cache on 16-wide heads: GGML_ASSERT; 17 tensor-split entries: a dead model, SIGSEGV).
 */
class RunnerStartupFailureTest {
    @TempDir
    static Path dir;
    static Path tiny;

    @BeforeAll
    static void models() throws Exception {
        tiny = dir.resolve("tiny.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, tiny);
        byte[] valid = Files.readAllBytes(tiny);
        Files.write(dir.resolve("truncated.gguf"), Arrays.copyOf(valid, valid.length / 2));
        Files.writeString(dir.resolve("garbage.gguf"), "this is not a model\n".repeat(10));
        // issue 21, failure 2: files like these passed `model inspect` and crashed the engine natively (exit 134)
        GgufFile source = GgufReader.read(tiny);
        List<?> scores = source.value("tokenizer.ggml.scores").orElseThrow().asList();
        mutant(source, "zero-blocks", e -> e.put("llama.block_count", GgufValue.u32(0)));
        mutant(source, "nan-epsilon", e -> e.put("llama.attention.layer_norm_rms_epsilon", GgufValue.f32(Double.NaN)));
        mutant(source, "no-tokens", e -> e.put("tokenizer.ggml.tokens", GgufValue.array(GgufValueType.STRING, List.of())));
        mutant(source, "moe-used-0", e -> e.put("llama.expert_count", GgufValue.u32(4)).put("llama.expert_used_count", GgufValue.u32(0)));
        mutant(source, "string-scores", e -> e.put("tokenizer.ggml.scores", GgufValue.array(GgufValueType.STRING,
                scores.stream().map(String::valueOf).toList())));
        mutant(source, "short-scores", e -> e.put("tokenizer.ggml.scores", GgufValue.array(GgufValueType.FLOAT32, scores.subList(0, 10))));
    }

    private static void mutant(GgufFile source, String name, java.util.function.Consumer<GgufEdit> edit) throws Exception {
        GgufEdit e = new GgufEdit(source);
        edit.accept(e);
        e.writeTo(dir.resolve(name + ".gguf"));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(List.of("--model", "MISSING"), 1, "no such file"),
                Arguments.of(List.of("--model", "GARBAGE"), 1, "not a GGUF file"),
                Arguments.of(List.of("--model", "TRUNCATED"), 1, "invalid model"),
                Arguments.of(List.of("--model", "@zero-blocks"), 1, "'llama.block_count' is 0"),
                Arguments.of(List.of("--model", "@nan-epsilon"), 1, "is NaN"),
                Arguments.of(List.of("--model", "@no-tokens"), 1, "'tokenizer.ggml.tokens' is empty"),
                Arguments.of(List.of("--model", "@moe-used-0"), 1, "'llama.expert_used_count' is 0"),
                Arguments.of(List.of("--model", "@string-scores"), 1, "expected an array of FLOAT32"),
                Arguments.of(List.of("--model", "@short-scores"), 1, "has 10 entries for 640 tokens"),
                Arguments.of(List.of("--model", "TINY", "--host", "0.0.0.0"), 2, "API key"),
                Arguments.of(List.of("--model", "TINY", "--cache-type-v", "q8_0"), 2, "--flash-attn"),
                Arguments.of(List.of("--model", "TINY", "--cache-type-k", "q8_0", "--flash-attn"), 2, "multiple of 32"),
                Arguments.of(List.of("--model", "TINY", "--cache-type-k", "f32", "--flash-attn"), 2, "f32 K or V cache"),
                Arguments.of(List.of("--model", "TINY", "--tensor-split", "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1"), 2, "1-16"),
                Arguments.of(List.of("--model", "TINY", "--ctx", "256", "--parallel", "8"), 2, "per slot"),
                Arguments.of(List.of("--model", "TINY", "--threads", "zero"), 2, "--threads"),
                Arguments.of(List.of("--model", "TINY", "--devices", "cuda0"), 2, "unknown option"));
    }

    /** de.kherud falls back to its bundled CPU library when a custom one fails to load; the runner must not. */
    @org.junit.jupiter.api.Test
    void brokenCustomNativeLibraryIsNotSilentlyReplaced() throws Exception {
        Path libs = Files.createDirectories(dir.resolve("cuda-natives"));
        Files.writeString(libs.resolve(System.mapLibraryName("jllama")), "not an ELF file");
        List<String> cmd = RunnerProcess.javaCommand("io.inferdeck.runner.RunnerMain", "-Xmx256m");
        cmd.addAll(List.of("--model", tiny.toString(), "--port", "0", "--lib-path", libs.toString()));
        Path err = dir.resolve("custom-lib-stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        // llama.cpp's own threads may still log after the runner's line ("all slots are idle"): judge the runner's last line
        List<String> own = Files.readAllLines(err, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("inferdeck-runner: ")).toList();
        assertThat(own).isNotEmpty();
        assertThat(own.getLast()).contains("refusing to run");
    }

    @ParameterizedTest
    @MethodSource("failures")
    void refusesWithOneLine(List<String> args, int exitCode, String reason) throws Exception {
        List<String> cmd = RunnerProcess.javaCommand("io.inferdeck.runner.RunnerMain", "-Xmx128m");
        args.stream().map(a -> switch (a) {
            case "MISSING" -> dir.resolve("missing.gguf").toString();
            case "GARBAGE" -> dir.resolve("garbage.gguf").toString();
            case "TRUNCATED" -> dir.resolve("truncated.gguf").toString();
            case "TINY" -> tiny.toString();
            default -> a.startsWith("@") ? dir.resolve(a.substring(1) + ".gguf").toString() : a;
        }).forEach(cmd::add);
        cmd.addAll(List.of("--port", "0"));
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("runner exits by itself").isTrue();
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        assertThat(p.exitValue()).isEqualTo(exitCode);
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).startsWith("inferdeck-runner: ").contains(reason);
    }
}
