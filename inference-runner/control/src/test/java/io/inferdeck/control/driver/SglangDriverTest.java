package io.inferdeck.control.driver;

import static io.inferdeck.control.driver.DriverFixtures.ownIssues;
import static io.inferdeck.control.driver.DriverFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.launch.BinaryResolver;
import io.inferdeck.control.launch.LaunchCommand;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.launch.LaunchException;
import io.inferdeck.control.launch.LaunchPlanner;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileKnob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SglangDriverTest {
    private static final String KEY = "sk-sglang-0123456789abcdef";
    private final SglangDriver driver = new SglangDriver();
    @TempDir
    Path bin;

    private static DeploymentProfile.Builder sglang() {
        return DeploymentProfile.builder().engine(new EngineKind("sglang")).model("Qwen/Qwen2.5-7B-Instruct");
    }

    private LaunchContext withPython() throws Exception {
        Path python = Files.createFile(bin.resolve("python3"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        return DriverFixtures.machine().withBinaries(new BinaryResolver(python.getParent().toString()));
    }

    @Test
    void launchedWithTheGpuServerKnobs() {
        assertThat(driver.launched(sglang().build())).isTrue();
        assertThat(driver.runsDefaultModel()).isFalse();
        assertThat(driver.knobs()).contains(ProfileKnob.TENSOR_PARALLEL_SIZE, ProfileKnob.GPU_MEMORY_UTILIZATION,
                ProfileKnob.BATCH, ProfileKnob.PARALLEL, ProfileKnob.BINARY)
                .doesNotContain(ProfileKnob.PIPELINE_PARALLEL_SIZE, ProfileKnob.UBATCH, ProfileKnob.THREADS, ProfileKnob.BASE_URL);
        assertThat(driver.kvCache().allowed()).containsExactly("auto", "fp8_e5m2", "fp8_e4m3");
        assertThat(driver.health().path()).isEqualTo("/health");
        assertThat(driver.tokensPerSequence(sglang().ctx(8192).parallel(64).build())).isEqualTo(8192);
    }

    @Test
    void argvMapsEveryKnobAndDataParallelComesFromTheReplicasGpus() throws Exception {
        DeploymentProfile p = sglang().gpus(List.of(0, 1, 2, 3)).tensorParallelSize(2).gpuMemoryUtilization(0.85)
                .parallel(64).batch(8192).ctx(8192).cacheTypeK("fp8_e4m3").quantization("fp8").port(30000).build();
        LaunchCommand c = LaunchPlanner.render(p, withPython()).getFirst();
        assertThat(c.argv()).containsExactly(bin.resolve("python3").toString(), "-m", "sglang.launch_server",
                "--model-path", "Qwen/Qwen2.5-7B-Instruct", "--tp-size", "2", "--dp-size", "2",
                "--mem-fraction-static", "0.85", "--max-running-requests", "64", "--chunked-prefill-size", "8192",
                "--context-length", "8192", "--kv-cache-dtype", "fp8_e4m3", "--quantization", "fp8",
                "--enable-metrics", "--host", "127.0.0.1", "--port", "30000");
        assertThat(c.env()).containsOnlyKeys("CUDA_VISIBLE_DEVICES");
        assertThat(SglangDriver.dataParallel(sglang().build())).isEqualTo(1);   // no GPU list
        assertThat(SglangDriver.dataParallel(sglang().gpus(List.of(0, 1)).replicas(2).build())).isEqualTo(1);
    }

    @Test
    void theApiKeyTravelsInTheEnvironmentNeverInArgv() throws Exception {
        LaunchCommand c = LaunchPlanner.render(sglang().apiKey(KEY).build(), withPython()).getFirst();
        assertThat(c.argv()).noneMatch(a -> a.contains(KEY)).contains("-c", SglangDriver.BOOTSTRAP)
                .doesNotContain("-m", "--api-key");
        assertThat(SglangDriver.BOOTSTRAP).contains("'--api-key'", SglangDriver.KEY_VARIABLE, "sglang.launch_server");
        assertThat(c.env()).containsEntry(SglangDriver.KEY_VARIABLE, KEY);
        assertThat(c.display()).doesNotContain(KEY).contains(SglangDriver.KEY_VARIABLE + "='****'");
    }

    @Test
    void aMissingInterpreterIsALaunchError() {
        assertThatThrownBy(() -> LaunchPlanner.render(sglang().build(), DriverFixtures.machine()))
                .isInstanceOf(LaunchException.class).hasMessageContaining("python3 not found on PATH");
    }

    @Test
    void validation() {
        assertThat(ownIssues(driver, sglang().gpus(List.of(0, 1, 2, 3)).tensorParallelSize(2))).isEmpty();
        assertThat(ownIssues(driver, sglang().gpus(List.of(0, 1, 2)).tensorParallelSize(2)))
                .singleElement().extracting(ProfileIssue::field).isEqualTo("tensorParallelSize");
        assertThat(ownIssues(driver, sglang().cacheTypeK("fp8_e5m2").cacheTypeV("auto")))
                .singleElement().extracting(ProfileIssue::message).asString().startsWith("SGLang uses one KV cache dtype");
        assertThat(ownIssues(driver, sglang().gpuMemoryUtilization(1.5)))
                .singleElement().extracting(ProfileIssue::field).isEqualTo("gpuMemoryUtilization");
    }

    @Test
    void metricsDialectRecognisesItsPageOnly() {
        var dialect = driver.metrics().orElseThrow();
        assertThat(dialect.flavor().id()).isEqualTo("sglang");
        assertThat(dialect.wrote(page("sglang-1.txt"))).isTrue();
        assertThat(dialect.wrote(page("vllm-1.txt"))).isFalse();
        assertThat(dialect.wrote(page("tgi-1.txt"))).isFalse();
    }
}
