package io.inferdeck.control.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks `up` and the console run before starting anything: each failure class of issue 21 is one error. */
class PreStartChecksTest {
    @TempDir
    Path dir;

    private DeploymentProfile.Builder builtin(Path model) {
        return DeploymentProfile.builder().engine(EngineKind.BUILTIN).name("t").model(model.toString()).ctx(256).parallel(1);
    }

    private List<String> errors(DeploymentProfile p, int cores) {
        return PreStartChecks.check(p, cores, EngineDrivers.defaults()).stream().filter(ProfileIssue::isError)
                .map(ProfileIssue::toString).toList();
    }

    private Path tiny() throws Exception {
        Path model = dir.resolve("tiny.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, model);
        return model;
    }

    @Test
    void aValidModelAndProfilePass() throws Exception {
        assertThat(errors(builtin(tiny()).build(), 2)).isEmpty();
    }

    @Test
    void missingDirectoryAndCorruptModelsAreRefused() throws Exception {
        assertThat(errors(builtin(dir.resolve("none.gguf")).build(), 2)).singleElement().asString()
                .contains("model").contains("no such file");
        assertThat(errors(builtin(dir).build(), 2)).singleElement().asString().contains("not a regular file");
        Path corrupt = dir.resolve("corrupt.gguf");
        Files.write(corrupt, new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0, 1});
        assertThat(errors(builtin(corrupt).build(), 2)).singleElement().asString().contains("not a valid GGUF model");
    }

    @Test
    void ctxBeyondTheModelsTrainedContextIsRefused() throws Exception {
        int trained = LlamaModelSpec.TINY.contextLength();
        assertThat(errors(builtin(tiny()).ctx(trained).build(), 2)).isEmpty();
        assertThat(errors(builtin(tiny()).ctx(trained * 4).build(), 2)).singleElement().asString()
                .contains("ctx").contains("trained context of " + trained);
    }

    @Test
    void replicasAreBoundedByCoresWithoutGpus() throws Exception {
        assertThat(errors(builtin(tiny()).replicas(2).build(), 2)).isEmpty();
        assertThat(errors(builtin(tiny()).replicas(10000).build(), 2)).singleElement().asString()
                .contains("replicas").contains("10000 is more than this machine's 2 CPU cores");
    }

    @Test
    void hostPortAndKeyCannotBeSmuggledInExtraArgs() throws Exception {
        List<String> e = errors(builtin(tiny()).extraArgs(List.of("--host", "0.0.0.0", "--port=1", "--api-key", "k",
                "--verbose")).build(), 2);
        assertThat(e).hasSize(3).anyMatch(s -> s.startsWith("extraArgs[0]")).anyMatch(s -> s.startsWith("extraArgs[2]"))
                .anyMatch(s -> s.startsWith("extraArgs[3]"));
    }

    @Test
    void portsOutOfRangeAreFieldErrors() throws Exception {
        assertThat(errors(builtin(tiny()).port(-1).build(), 2)).singleElement().asString().contains("port");
        assertThat(errors(builtin(tiny()).port(65536).build(), 2)).singleElement().asString().contains("port");
    }
}
