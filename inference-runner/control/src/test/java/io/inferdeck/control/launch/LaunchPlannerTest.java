package io.inferdeck.control.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileException;
import io.inferdeck.control.profile.SplitMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchPlannerTest {
    private static final String KEY = "sk-0123456789abcdef";

    @TempDir
    Path dir;
    private Path bin;
    private LaunchContext ctx;

    @BeforeEach
    void fakeBinaries() throws Exception {
        bin = Files.createDirectories(dir.resolve("bin"));
        for (String name : List.of("llama-server", "vllm")) {
            Files.writeString(bin.resolve(name), "#!/bin/sh\n");
            Files.setPosixFilePermissions(bin.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        ctx = new LaunchContext(Path.of("/jdk/bin/java"), "/app/lib/*", List.of("-Xmx512m"), 4, List.of(),
                new BinaryResolver(dir.resolve("empty") + ":" + bin), EngineDrivers.defaults());
    }

    private LaunchCommand single(DeploymentProfile.Builder b) throws Exception {
        List<LaunchCommand> commands = LaunchPlanner.render(b.build(), ctx);
        assertThat(commands).hasSize(1);
        return commands.getFirst();
    }

    @Test
    void builtinDefaultsLeaveOptionalKnobsToTheRunner() throws Exception {
        LaunchCommand c = single(DeploymentProfile.builder());
        assertThat(c.argv()).containsExactly("/jdk/bin/java", "-Xmx512m", "-cp", "/app/lib/*",
                "io.inferdeck.runner.RunnerMain", "--host", "127.0.0.1", "--port", "18080", "--ctx", "2048",
                "--batch", "512", "--ubatch", "512", "--parallel", "1", "--cache-type-k", "f16", "--cache-type-v", "f16",
                "--gpu-layers", "0", "--split-mode", "layer", "--main-gpu", "0");
        assertThat(c.env()).isEmpty();
        assertThat(c.baseUrl()).hasToString("http://127.0.0.1:18080");
        assertThat(c.display()).isEqualTo("/jdk/bin/java -Xmx512m -cp '/app/lib/*' io.inferdeck.runner.RunnerMain "
                + "--host 127.0.0.1 --port 18080 --ctx 2048 --batch 512 --ubatch 512 --parallel 1 --cache-type-k f16 "
                + "--cache-type-v f16 --gpu-layers 0 --split-mode layer --main-gpu 0");
    }

    @Test
    void builtinEveryKnob() throws Exception {
        LaunchCommand c = single(DeploymentProfile.builder().model("/models/tiny q8.gguf").host("0.0.0.0").port(9000)
                .apiKey(KEY).threads(3).ctx(4096).batch(1024).ubatch(256).parallel(4).cacheTypeK("q8_0")
                .cacheTypeV("q4_0").flashAttention(true).gpus(List.of(1, 2)).gpuLayers(99).splitMode(SplitMode.ROW)
                .tensorSplit(List.of(3.0, 1.0)).mainGpu(1).mlock(true).noMmap(true).queue(64)
                .extraArgs(List.of("--seed", "42")));
        assertThat(c.argv().subList(5, c.argv().size())).containsExactly("--model", "/models/tiny q8.gguf",
                "--host", "127.0.0.1", "--port", "9000", "--threads", "3", "--ctx", "4096",   // 0.0.0.0 is the gateway's
                "--batch", "1024", "--ubatch", "256", "--parallel", "4", "--cache-type-k", "q8_0", "--cache-type-v", "q4_0",
                "--flash-attn", "--gpu-layers", "99", "--split-mode", "row", "--tensor-split", "3,1", "--main-gpu", "1",
                "--mlock", "--no-mmap", "--queue", "64", "--seed", "42");
        // the key goes in the environment, never argv (argv is world-readable in the process list)
        assertThat(c.argv()).doesNotContain(KEY);
        assertThat(c.env()).containsOnly(Map.entry("CUDA_VISIBLE_DEVICES", "1,2"), Map.entry("INFERDECK_API_KEY", KEY));
        assertThat(c.baseUrl()).hasToString("http://127.0.0.1:9000");
        assertThat(c.display()).contains("CUDA_VISIBLE_DEVICES=1,2", "INFERDECK_API_KEY='****'", "/jdk/bin/java",
                "--model '/models/tiny q8.gguf'").doesNotContain(KEY);
        assertThat(c.toString()).doesNotContain(KEY);
    }

    @Test
    void llamaServerEveryKnob() throws Exception {
        LaunchCommand c = single(DeploymentProfile.builder().engine(EngineKind.LLAMA_SERVER).model("/m/x.gguf")
                .ctx(8192).batch(2048).ubatch(512).parallel(2).cacheTypeK("q8_0").cacheTypeV("q8_0")
                .flashAttention(true).gpus(List.of(0, 1)).gpuLayers(999).splitMode(SplitMode.LAYER)
                .tensorSplit(List.of(0.75, 0.25)).mainGpu(0).threads(8).mlock(true).noMmap(true)
                .host("::1").port(8081).apiKey(KEY).extraArgs(List.of("--jinja")));
        assertThat(c.argv()).containsExactly(bin.resolve("llama-server").toString(), "-m", "/m/x.gguf", "-c", "8192",
                "-b", "2048", "-ub", "512", "-np", "2", "-ctk", "q8_0", "-ctv", "q8_0", "-fa", "on", "-ngl", "999",
                "-sm", "layer", "-ts", "0.75,0.25", "-mg", "0", "-t", "8", "--mlock", "--no-mmap", "--metrics",
                "--host", "::1", "--port", "8081", "--jinja");
        assertThat(c.env()).containsOnly(Map.entry("CUDA_VISIBLE_DEVICES", "0,1"), Map.entry("LLAMA_API_KEY", KEY));
        assertThat(c.display()).doesNotContain(KEY);
        assertThat(c.baseUrl()).hasToString("http://[::1]:8081");
    }

    @Test
    void llamaServerDefaults() throws Exception {
        LaunchCommand c = single(DeploymentProfile.builder().engine(EngineKind.LLAMA_SERVER).model("/m/x.gguf"));
        assertThat(c.argv()).containsExactly(bin.resolve("llama-server").toString(), "-m", "/m/x.gguf", "-c", "2048",
                "-b", "512", "-ub", "512", "-np", "1", "-ctk", "f16", "-ctv", "f16", "-fa", "off", "-ngl", "0",
                "-sm", "layer", "-mg", "0", "--metrics", "--host", "127.0.0.1", "--port", "18080");
    }

    @Test
    void vllmEveryKnob() throws Exception {
        LaunchCommand c = single(DeploymentProfile.builder().engine(EngineKind.VLLM).model("Qwen/Qwen2.5-7B-Instruct-AWQ")
                .quantization("awq").tensorParallelSize(2).pipelineParallelSize(2).cacheTypeK("fp8").parallel(128)
                .batch(8192).ctx(16384).gpuMemoryUtilization(0.85).gpus(List.of(0, 1, 2, 3)).host("0.0.0.0")
                .port(8000).apiKey(KEY).extraArgs(List.of("--enable-prefix-caching")));
        assertThat(c.argv()).containsExactly(bin.resolve("vllm").toString(), "serve", "Qwen/Qwen2.5-7B-Instruct-AWQ",
                "--tensor-parallel-size", "2", "--pipeline-parallel-size", "2", "--quantization", "awq",
                "--kv-cache-dtype", "fp8", "--max-num-seqs", "128", "--max-num-batched-tokens", "8192",
                "--max-model-len", "16384", "--gpu-memory-utilization", "0.85", "--host", "127.0.0.1", "--port", "8000",
                "--enable-prefix-caching");
        assertThat(c.env()).containsOnly(Map.entry("CUDA_VISIBLE_DEVICES", "0,1,2,3"), Map.entry("VLLM_API_KEY", KEY));
        assertThat(c.display()).doesNotContain(KEY);
    }

    @Test
    void vllmDefaults() throws Exception {
        LaunchCommand c = single(DeploymentProfile.builder().engine(EngineKind.VLLM).model("m"));
        assertThat(c.argv()).containsExactly(bin.resolve("vllm").toString(), "serve", "m", "--tensor-parallel-size", "1",
                "--pipeline-parallel-size", "1", "--kv-cache-dtype", "auto", "--max-num-seqs", "1",
                "--max-num-batched-tokens", "512", "--max-model-len", "2048", "--gpu-memory-utilization", "0.9",
                "--host", "127.0.0.1", "--port", "18080");
    }

    @Test
    void gpuReplicasGetTheirOwnGpusAndPorts() throws Exception {
        List<LaunchCommand> llama = LaunchPlanner.render(DeploymentProfile.builder().engine(EngineKind.LLAMA_SERVER)
                .model("/m/x.gguf").gpus(List.of(3, 2, 1, 0)).replicas(2).gpuLayers(99).tensorSplit(List.of(1.0, 1.0))
                .build(), ctx);
        assertThat(llama).extracting(LaunchCommand::port).containsExactly(18080, 18081);
        assertThat(llama).extracting(c -> c.env().get("CUDA_VISIBLE_DEVICES")).containsExactly("3,2", "1,0");
        assertThat(llama.get(1).argv()).containsSequence("--port", "18081").containsSequence("-ts", "1,1");
        assertThat(llama.get(1).argv()).doesNotContain("-t"); // on GPU, threads are left to the engine

        List<LaunchCommand> vllm = LaunchPlanner.render(DeploymentProfile.builder().engine(EngineKind.VLLM).model("m")
                .gpus(List.of(0, 1, 2, 3, 4, 5)).replicas(3).tensorParallelSize(2).build(), ctx.withReplicaPorts(List.of(9101, 9205, 9300)));
        assertThat(vllm).extracting(LaunchCommand::port).containsExactly(9101, 9205, 9300);
        assertThat(vllm).extracting(c -> c.env().get("CUDA_VISIBLE_DEVICES")).containsExactly("0,1", "2,3", "4,5");
        assertThat(vllm.get(2).argv()).containsSequence("--port", "9300");
    }

    @Test
    void cpuReplicasSplitThreads() throws Exception {
        List<LaunchCommand> fromCpuCount = LaunchPlanner.render(DeploymentProfile.builder().replicas(2).build(), ctx);
        assertThat(fromCpuCount).allSatisfy(c -> {
            assertThat(c.argv()).containsSequence("--threads", "2"); // 4 CPUs / 2 replicas
            assertThat(c.env()).isEmpty();
        });
        assertThat(fromCpuCount).extracting(LaunchCommand::port).containsExactly(18080, 18081);
        List<LaunchCommand> fromProfile = LaunchPlanner.render(DeploymentProfile.builder().replicas(3).threads(7).build(), ctx);
        assertThat(fromProfile).allSatisfy(c -> assertThat(c.argv()).containsSequence("--threads", "2"));
        List<LaunchCommand> atLeastOne = LaunchPlanner.render(DeploymentProfile.builder().replicas(8).build(), ctx);
        assertThat(atLeastOne).hasSize(8).allSatisfy(c -> assertThat(c.argv()).containsSequence("--threads", "1"));
    }

    @Test
    void missingBinaryIsAClearError() {
        LaunchContext noPath = ctx.withBinaries(new BinaryResolver(dir.resolve("empty").toString()));
        assertThatThrownBy(() -> LaunchPlanner.render(DeploymentProfile.builder().engine(EngineKind.LLAMA_SERVER)
                .model("/m/x.gguf").build(), noPath))
                .isInstanceOf(LaunchException.class)
                .hasMessageStartingWith("llama-server not found on PATH (searched: [" + dir.resolve("empty") + "])")
                .hasMessageContaining("set 'binary' in the profile");
        assertThatThrownBy(() -> LaunchPlanner.render(DeploymentProfile.builder().engine(EngineKind.VLLM).model("m")
                .build(), ctx.withBinaries(new BinaryResolver(""))))
                .isInstanceOf(LaunchException.class).hasMessageContaining("vllm not found on PATH (searched: nothing, PATH is empty)");
        assertThatThrownBy(() -> LaunchPlanner.render(DeploymentProfile.builder().engine(EngineKind.VLLM).model("m")
                .binary("/opt/vllm/bin/vllm").build(), ctx))
                .isInstanceOf(LaunchException.class).hasMessage("vllm binary /opt/vllm/bin/vllm (profile field 'binary') does not exist");
    }

    @Test
    void configuredBinaryByPathOrName() throws Exception {
        Path custom = Files.writeString(dir.resolve("llama-server-cuda"), "#!/bin/sh\n");
        DeploymentProfile.Builder b = DeploymentProfile.builder().engine(EngineKind.LLAMA_SERVER).model("/m/x.gguf")
                .binary(custom.toString());
        assertThatThrownBy(() -> single(b)).isInstanceOf(LaunchException.class).hasMessageContaining("is not an executable file");
        Files.setPosixFilePermissions(custom, PosixFilePermissions.fromString("rwx------"));
        assertThat(single(b).argv().getFirst()).isEqualTo(custom.toString());
        assertThat(single(b.binary("vllm")).argv().getFirst()).isEqualTo(bin.resolve("vllm").toString());
    }

    @Test
    void invalidProfilesAreNotRenderedAndRemoteRendersNothing() throws Exception {
        assertThatThrownBy(() -> LaunchPlanner.render(DeploymentProfile.builder().batch(64).ubatch(128).build(), ctx))
                .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.issues())
                        .extracting(i -> i.field()).containsExactly("batch"));
        assertThat(LaunchPlanner.render(DeploymentProfile.builder().engine(EngineKind.REMOTE)
                .baseUrl("http://10.0.0.5:8000").build(), ctx)).isEmpty();
    }

    @Test
    void displayQuotesForAShellAndMasksTheKeyEverywhere() {
        String line = CommandLineText.display(Map.of("B", "x y", "A", "1"),
                List.of("run", "it's", "", "--api-key=" + KEY, KEY), KEY);
        assertThat(line).isEqualTo("A=1 B='x y' run 'it'\\''s' '' '--api-key=****' '****'");
        assertThat(CommandLineText.number(3.0)).isEqualTo("3");
        assertThat(CommandLineText.number(0.9)).isEqualTo("0.9");
        assertThat(CommandLineText.number(1e-3)).isEqualTo("0.001");
    }
}
