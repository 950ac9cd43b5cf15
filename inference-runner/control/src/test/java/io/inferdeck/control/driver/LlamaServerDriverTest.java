package io.inferdeck.control.driver;

import static io.inferdeck.control.driver.DriverFixtures.ownIssues;
import static io.inferdeck.control.driver.DriverFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.launch.LaunchException;
import io.inferdeck.control.launch.ReplicaSlice;
import io.inferdeck.control.metrics.MetricMapping.Counter;
import io.inferdeck.control.metrics.MetricMapping.Level;
import io.inferdeck.control.metrics.MetricsDialect;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileKnob;
import io.inferdeck.control.profile.SplitMode;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LlamaServerDriverTest {
    private final LlamaServerDriver driver = new LlamaServerDriver();

    private static DeploymentProfile.Builder llama() {
        return DeploymentProfile.builder().engine(EngineKind.LLAMA_SERVER).model("/m/x.gguf");
    }

    @Test
    void anExternalBinaryThatNeedsAModel() {
        assertThat(driver.kind().id()).isEqualTo("llama-server");
        assertThat(driver.launched(DeploymentProfile.builder().build())).isTrue();
        assertThat(driver.runsDefaultModel()).isFalse();
        assertThat(driver.knobs()).contains(ProfileKnob.BINARY, ProfileKnob.UBATCH, ProfileKnob.MAIN_GPU)
                .doesNotContain(ProfileKnob.QUEUE, ProfileKnob.PIPELINE_PARALLEL_SIZE, ProfileKnob.BASE_URL);
        assertThat(driver.kvCache()).isEqualTo(LlamaCppDriver.KV_CACHE);
    }

    @Test
    void aMissingBinaryIsALaunchError() {
        ReplicaSlice r = new ReplicaSlice(0, "127.0.0.1", 8080, List.of(), OptionalInt.empty());
        assertThatThrownBy(() -> driver.argv(llama().build(), r, DriverFixtures.machine()))
                .isInstanceOf(LaunchException.class).hasMessageStartingWith("llama-server not found on PATH");
    }

    @Test
    void ownRulesCoverKvTypesAndTheSplitOfOneReplicasGpus() {
        assertThat(ownIssues(driver, llama().cacheTypeV("q8_0")))
                .singleElement().extracting(ProfileIssue::message).asString().contains("needs flashAttention: true");
        assertThat(ownIssues(driver, llama().cacheTypeV("q3_k")))
                .singleElement().extracting(ProfileIssue::message).asString().contains("not one of [f32, f16");
        assertThat(ownIssues(driver, llama().cacheTypeV("q8_0").flashAttention(true))).isEmpty();
        assertThat(ownIssues(driver, llama().gpus(List.of(0, 1, 2, 3)).replicas(2).tensorSplit(List.of(1.0, 1.0, 1.0))))
                .singleElement().extracting(ProfileIssue::message).asString().contains("each replica gets 2 GPU(s)");
        assertThat(ownIssues(driver, llama().gpus(List.of(0, 1)).mainGpu(2)))
                .singleElement().extracting(ProfileIssue::field).isEqualTo("mainGpu");
        assertThat(ownIssues(driver, llama().gpus(List.of(0, 1)).tensorSplit(List.of(1.0, 1.0)).splitMode(SplitMode.NONE)))
                .singleElement().extracting(ProfileIssue::severity).isEqualTo(ProfileIssue.Severity.WARNING);
        assertThat(ownIssues(driver, llama().threads(1).replicas(2)))
                .singleElement().extracting(ProfileIssue::field).isEqualTo("threads");
    }

    @Test
    void healthIsReadyOn200Only() {
        assertThat(driver.health().path()).isEqualTo("/health");
        assertThat(driver.health().ready(503)).isFalse(); // llama-server's answer while the model loads
        assertThat(driver.health().ready(200)).isTrue();
    }

    @Test
    void metricsAreTheLlamacppNamesWithoutRequestCounters() {
        MetricsDialect dialect = driver.metrics().orElseThrow();
        assertThat(dialect.flavor().id()).isEqualTo("llama.cpp");
        assertThat(dialect.wrote(page("llamacpp-1.txt"))).isTrue();
        assertThat(dialect.wrote(page("builtin-1.txt"))).isFalse();
        assertThat(dialect.mapping().counters()).doesNotContainKeys(Counter.COMPLETED, Counter.ERRORS);
        assertThat(dialect.mapping().histograms()).isEmpty();
        assertThat(dialect.mapping().gauges().get(Level.KV_CACHE_USAGE).read(page("llamacpp-1.txt"))).hasValue(0.0625);
    }
}
