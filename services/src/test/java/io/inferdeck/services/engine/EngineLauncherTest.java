package io.inferdeck.services.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.GatewaySettings;
import io.inferdeck.control.profile.ProfileException;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileRules;
import java.util.List;
import io.inferdeck.gguf.ModelLibrary;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineLauncherTest {
    @TempDir
    Path dir;

    @Test
    void aBuiltinWithoutModelRunsTheEmbeddedDefaultAndOthersAreKept() {
        ModelLibrary models = new ModelLibrary(dir);
        EngineLauncher launcher = new EngineLauncher(models, LaunchContext.forThisJvm(), dir, null, Clock.systemUTC());
        DeploymentProfile bare = DeploymentProfile.builder().engine(EngineKind.BUILTIN).name("bare").build();
        assertThat(launcher.resolve(bare).model()).isEqualTo(models.defaultModel().toString());
        assertThat(launcher.resolve(bare.toBuilder().model(" ").build()).model()).isEqualTo(models.defaultModel().toString());
        DeploymentProfile own = bare.toBuilder().model("/m/own.gguf").build();
        assertThat(launcher.resolve(own)).isSameAs(own);
        DeploymentProfile llama = DeploymentProfile.builder().engine(EngineKind.LLAMA_SERVER).name("l").build();
        assertThat(launcher.resolve(llama).model()).isNull();
    }

    @Test
    void prepareRefusesALiveSafetyBlockNamingAStageTheSafetyRegistryDoesNotHave() throws Exception {
        LaunchContext launch = LaunchContext.forThisJvm();
        var safety = new io.inferdeck.services.safety.SafetyService(new io.inferdeck.safety.SafetyPaths(dir.resolve("data"),
                dir.resolve("config")), io.inferdeck.services.safety.FilterSettings.defaults(), Clock.systemUTC());
        var parts = new io.inferdeck.services.safety.live.GatewaySafetyParts(safety);
        EngineLauncher launcher = new EngineLauncher(new ModelLibrary(dir), launch, dir, null, Clock.systemUTC(), parts,
                ProfileRules.of(launch.drivers()).withSafetyStages(parts.stageIds()));
        DeploymentProfile remote = DeploymentProfile.builder().engine(EngineKind.REMOTE).name("far").baseUrl("http://127.0.0.1:1")
                .gateway(new GatewaySettings(null, null, null, null, null, null,
                        new GatewaySettings.Safety(null, null, null, List.of("pii", "toxicity")))).build();
        assertThatThrownBy(() -> launcher.prepare(remote)).isInstanceOf(ProfileException.class)
                .satisfies(e -> assertThat(((ProfileException) e).issues()).extracting(ProfileIssue::field)
                        .containsExactly("gateway.safety.stages[1]"))
                .hasMessageContaining("unknown stage 'toxicity' (known: blocklist, classifier, normalize, pii)");
        DeploymentProfile known = remote.toBuilder().gateway(new GatewaySettings(null, null, null, null, null, null,
                new GatewaySettings.Safety(null, null, null, List.of("pii", "classifier")))).build();
        assertThat(launcher.prepare(known)).isEqualTo(known);
        safety.close();
    }
}
