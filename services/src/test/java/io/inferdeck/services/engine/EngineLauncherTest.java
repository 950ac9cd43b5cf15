package io.inferdeck.services.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
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
}
