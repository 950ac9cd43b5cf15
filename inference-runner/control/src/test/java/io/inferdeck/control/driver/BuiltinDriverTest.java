package io.inferdeck.control.driver;

import static io.inferdeck.control.driver.DriverFixtures.ownIssues;
import static io.inferdeck.control.driver.DriverFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.launch.ReplicaSlice;
import io.inferdeck.control.metrics.MetricMapping.Counter;
import io.inferdeck.control.metrics.MetricMapping.Level;
import io.inferdeck.control.metrics.MetricsDialect;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileKnob;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class BuiltinDriverTest {
    private final BuiltinDriver driver = new BuiltinDriver();

    @Test
    void launchedWithItsOwnDefaultModel() {
        assertThat(driver.kind().id()).isEqualTo("builtin");
        assertThat(driver.launched(DeploymentProfile.builder().build())).isTrue();
        assertThat(driver.runsDefaultModel()).isTrue();
    }

    @Test
    void readsTheLlamaCppKnobsAndItsQueueButNoBinary() {
        assertThat(driver.knobs()).contains(ProfileKnob.UBATCH, ProfileKnob.CACHE_TYPE_V, ProfileKnob.GPU_LAYERS,
                ProfileKnob.TENSOR_SPLIT, ProfileKnob.QUEUE, ProfileKnob.MODEL);
        assertThat(driver.knobs()).doesNotContain(ProfileKnob.BINARY, ProfileKnob.TENSOR_PARALLEL_SIZE,
                ProfileKnob.GPU_MEMORY_UTILIZATION, ProfileKnob.BASE_URL);
    }

    @Test
    void kvCacheIsLlamaCppsWithF16ByDefault() {
        assertThat(driver.kvCache().allowed()).startsWith("f32", "f16", "bf16", "q8_0").contains("iq4_nl");
        assertThat(driver.kvCache().effective(null)).isEqualTo("f16");
        assertThat(driver.kvCache().effective("q8_0")).isEqualTo("q8_0");
    }

    @Test
    void slotsShareTheContextAndCpuReplicasShareTheThreads() {
        assertThat(driver.tokensPerSequence(DeploymentProfile.builder().ctx(4096).parallel(4).build())).isEqualTo(1024);
        assertThat(driver.threadsPerReplica(DeploymentProfile.builder().replicas(3).threads(7).build(), 16)).hasValue(2);
        assertThat(driver.threadsPerReplica(DeploymentProfile.builder().replicas(2).build(), 4)).hasValue(2);
        assertThat(driver.threadsPerReplica(DeploymentProfile.builder().replicas(8).build(), 4)).hasValue(1);
        // on GPU, or alone, the profile's threads go through untouched
        assertThat(driver.threadsPerReplica(DeploymentProfile.builder().replicas(2).gpuLayers(99).threads(5).build(), 4))
                .hasValue(5);
        assertThat(driver.threadsPerReplica(DeploymentProfile.builder().build(), 4)).isEmpty();
    }

    @Test
    void argvTakesPortAndThreadsFromTheReplica() {
        List<String> argv = driver.argv(DeploymentProfile.builder().port(9000).threads(8).build(),
                new ReplicaSlice(1, "127.0.0.1", 9123, List.of(), OptionalInt.of(3)), DriverFixtures.machine());
        assertThat(argv).startsWith("/jdk/bin/java", "-Xmx512m", "-cp", "/app/lib/*", BuiltinDriver.MAIN_CLASS)
                .containsSequence("--port", "9123").containsSequence("--threads", "3").doesNotContain("9000", "8");
    }

    @Test
    void ownRulesAreTheLlamaCppOnes() {
        assertThat(ownIssues(driver, DeploymentProfile.builder().batch(256).ubatch(512)))
                .singleElement().extracting(ProfileIssue::field).isEqualTo("batch");
        assertThat(ownIssues(driver, DeploymentProfile.builder().ctx(1024).parallel(16)))
                .singleElement().extracting(ProfileIssue::message).asString().contains("64 tokens per slot");
        // the layout itself is the shared validator's: no split rule runs on an invalid one
        assertThat(ownIssues(driver, DeploymentProfile.builder().replicas(0).tensorSplit(List.of(1.0)))).isEmpty();
        assertThat(ownIssues(driver, DeploymentProfile.builder())).isEmpty();
    }

    @Test
    void healthIsReadyOn200Only() {
        assertThat(driver.health().path()).isEqualTo("/health");
        assertThat(driver.health().ready(200)).isTrue();
        assertThat(driver.health().ready(503)).isFalse();
    }

    @Test
    void metricsAreTheInferdeckNames() {
        MetricsDialect dialect = driver.metrics().orElseThrow();
        assertThat(dialect.flavor().id()).isEqualTo("builtin");
        assertThat(dialect.wrote(page("builtin-1.txt"))).isTrue();
        assertThat(dialect.wrote(page("llamacpp-1.txt"))).isFalse();
        assertThat(dialect.wrote(page("vllm-1.txt"))).isFalse();
        // completed = outcome ok (10); errors = error (1) + rejected (0), never cancelled (2)
        assertThat(dialect.mapping().counters().get(Counter.COMPLETED).read(page("builtin-1.txt"))).hasValue(10.0);
        assertThat(dialect.mapping().counters().get(Counter.ERRORS).read(page("builtin-1.txt"))).hasValue(1.0);
        assertThat(dialect.mapping().gauges().get(Level.KV_CACHE_USAGE).read(page("builtin-1.txt"))).hasValue(0.125);
    }
}
