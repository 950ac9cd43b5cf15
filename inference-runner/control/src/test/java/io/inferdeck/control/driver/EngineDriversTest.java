package io.inferdeck.control.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.metrics.MetricsDialect;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileValidator;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EngineDriversTest {

    @Test
    void serviceLoaderFindsTheSevenEnginesInRegistrationOrder() {
        EngineDrivers drivers = EngineDrivers.load(getClass().getClassLoader());
        assertThat(drivers.kinds()).containsExactly(EngineKind.BUILTIN, EngineKind.LLAMA_SERVER, EngineKind.VLLM,
                EngineKind.REMOTE, new EngineKind("sglang"), new EngineKind("ollama"), new EngineKind("tgi"));
        assertThat(drivers.all()).extracting(d -> d.getClass().getSimpleName())
                .containsExactly("BuiltinDriver", "LlamaServerDriver", "VllmDriver", "RemoteDriver", "SglangDriver",
                        "OllamaDriver", "TgiDriver");
        assertThat(EngineDrivers.defaults().kinds()).isEqualTo(drivers.kinds());
        assertThat(EngineDrivers.defaults()).isSameAs(EngineDrivers.defaults());
    }

    @Test
    void aClassPathWithoutRegistrationsIsAnError() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> EngineDrivers.load(empty)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("META-INF/services/io.inferdeck.control.driver.EngineDriver");
        }
    }

    @Test
    void idsParseAgainstTheRegistryWithTheAllowedSpellingsOnError() {
        EngineDrivers drivers = EngineDrivers.defaults();
        assertThat(drivers.kind("llama-server")).isEqualTo(EngineKind.LLAMA_SERVER);
        assertThat(EngineKind.fromId("vllm")).isEqualTo(EngineKind.VLLM);
        assertThatThrownBy(() -> drivers.kind("llama.cpp")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown engine 'llama.cpp' (allowed: builtin, llama-server, vllm, remote, sglang, ollama, tgi)");
        assertThatThrownBy(() -> drivers.driver(new EngineKind("trtllm")))
                .hasMessage("unknown engine 'trtllm' (allowed: builtin, llama-server, vllm, remote, sglang, ollama, tgi)");
    }

    @Test
    void engineKindIsAValueWithItsIdAsText() {
        assertThat(new EngineKind("vllm")).isEqualTo(EngineKind.VLLM).hasToString("vllm");
        assertThatThrownBy(() -> new EngineKind("Big Engine")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EngineKind("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExplicitListIsARegistryOfItsOwn() {
        EngineDrivers onlyVllm = new EngineDrivers(List.of(new VllmDriver()));
        assertThat(onlyVllm.allowed()).isEqualTo("vllm");
        assertThat(onlyVllm.find(EngineKind.BUILTIN)).isEmpty();
        assertThat(ProfileValidator.validate(DeploymentProfile.builder().build(), OptionalInt.empty(), onlyVllm))
                .singleElement().hasToString("engine: unknown engine 'builtin' (allowed: vllm)");
        assertThatThrownBy(() -> onlyVllm.with(new VllmDriver())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two engine drivers for 'vllm'");
    }

    @Test
    void metricDialectsFollowTheRegistryAndSkipEnginesWithoutMetrics() {
        assertThat(EngineDrivers.defaults().metricsDialects()).extracting(MetricsDialect::prefix)
                .containsExactly("inferdeck_", "llamacpp:", "vllm:", "sglang:", "tgi_");
    }
}
