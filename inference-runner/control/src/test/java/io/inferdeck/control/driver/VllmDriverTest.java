package io.inferdeck.control.driver;

import static io.inferdeck.control.driver.DriverFixtures.ownIssues;
import static io.inferdeck.control.driver.DriverFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.metrics.Histogram;
import io.inferdeck.control.metrics.MetricMapping.Counter;
import io.inferdeck.control.metrics.MetricMapping.Latency;
import io.inferdeck.control.metrics.MetricMapping.Level;
import io.inferdeck.control.metrics.MetricsDialect;
import io.inferdeck.control.metrics.ParsedMetrics;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileKnob;
import java.util.List;
import org.junit.jupiter.api.Test;

class VllmDriverTest {
    private final VllmDriver driver = new VllmDriver();

    private static DeploymentProfile.Builder vllm() {
        return DeploymentProfile.builder().engine(EngineKind.VLLM).model("Qwen/Qwen2.5-1.5B");
    }

    @Test
    void readsItsParallelismKnobsButNoLlamaCppOnes() {
        assertThat(driver.kind().id()).isEqualTo("vllm");
        assertThat(driver.launched(DeploymentProfile.builder().build())).isTrue();
        assertThat(driver.runsDefaultModel()).isFalse();
        assertThat(driver.knobs()).contains(ProfileKnob.TENSOR_PARALLEL_SIZE, ProfileKnob.GPU_MEMORY_UTILIZATION,
                ProfileKnob.BINARY, ProfileKnob.CACHE_TYPE_K).doesNotContain(ProfileKnob.UBATCH, ProfileKnob.THREADS,
                ProfileKnob.CACHE_TYPE_V, ProfileKnob.GPU_LAYERS, ProfileKnob.QUEUE);
    }

    @Test
    void oneKvDtypeAutoByDefault() {
        assertThat(driver.kvCache().allowed()).containsExactly("auto", "fp8", "fp8_e4m3", "fp8_e5m2");
        assertThat(driver.kvCache().effective(null)).isEqualTo("auto");
        assertThat(ownIssues(driver, vllm().cacheTypeK("fp8").cacheTypeV("fp8"))).isEmpty();
        assertThat(ownIssues(driver, vllm().cacheTypeK("fp8").cacheTypeV("fp8_e5m2")))
                .singleElement().extracting(ProfileIssue::field).isEqualTo("cacheTypeV");
    }

    @Test
    void contextIsPerSequenceAndThreadsAreNotItsBusiness() {
        assertThat(driver.tokensPerSequence(vllm().ctx(4096).parallel(64).build())).isEqualTo(4096);
        assertThat(driver.threadsPerReplica(vllm().threads(8).replicas(2).build(), 16)).isEmpty();
    }

    @Test
    void parallelismIsCheckedAgainstEachReplicasGpus() {
        assertThat(ownIssues(driver, vllm().gpus(List.of(0, 1, 2, 3)).replicas(2).tensorParallelSize(2))).isEmpty();
        assertThat(ownIssues(driver, vllm().gpus(List.of(0, 1)).tensorParallelSize(4)))
                .singleElement().extracting(ProfileIssue::message).asString().contains("Ray cluster");
        assertThat(ownIssues(driver, vllm().gpuMemoryUtilization(0)))
                .singleElement().extracting(ProfileIssue::field).isEqualTo("gpuMemoryUtilization");
        // an uneven selection is the shared validator's error; no GPU arithmetic on it here
        assertThat(ownIssues(driver, vllm().gpus(List.of(0, 1, 2)).replicas(2))).isEmpty();
    }

    @Test
    void metricsReadCurrentAndOlderNames() {
        MetricsDialect dialect = driver.metrics().orElseThrow();
        assertThat(dialect.flavor().id()).isEqualTo("vllm");
        ParsedMetrics current = page("vllm-1.txt");
        ParsedMetrics older = page("vllm-old-1.txt");
        assertThat(dialect.wrote(current)).isTrue();
        assertThat(dialect.wrote(older)).isTrue();
        assertThat(dialect.wrote(page("llamacpp-1.txt"))).isFalse();
        assertThat(dialect.mapping().gauges().get(Level.KV_CACHE_USAGE).read(current)).hasValue(0.4); // mean of 0.3, 0.5
        assertThat(dialect.mapping().gauges().get(Level.KV_CACHE_USAGE).read(older)).hasValue(0.4);  // gpu_cache_usage_perc
        assertThat(dialect.mapping().counters().get(Counter.COMPLETED).read(older)).hasValue(46.0); // every finished_reason
        assertThat(dialect.mapping().counters().get(Counter.ERRORS).read(older)).hasValue(2.0);     // HTTP 5xx
        assertThat(dialect.mapping().histograms().get(Latency.ITL))
                .anySatisfy(name -> assertThat(Histogram.from(older, name)).isPresent());
    }
}
