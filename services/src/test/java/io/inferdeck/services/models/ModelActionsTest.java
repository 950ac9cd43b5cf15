package io.inferdeck.services.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelFacts;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.gguf.ModelSummary;
import io.inferdeck.services.tuning.RunLog;
import io.inferdeck.services.tuning.TuningBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelActionsTest {
    @TempDir
    Path dir;

    private ModelActions actions(ModelLibrary library) {
        TuningBackend tuning = new TuningBackend(library, new ProfileLibrary(dir.resolve("profiles")),
                new RunLog(dir.resolve("history.db"), Clock.systemUTC()), dir.resolve("work"), null);
        return new ModelActions(library, tuning, FileManager.NONE);
    }

    private static DiscoveredModel model(String name, String store, Path file) throws Exception {
        return new DiscoveredModel(name, store, List.of(file), OptionalLong.of(Files.size(file)),
                Optional.of(ModelFacts.read(List.of(file))), Optional.empty());
    }

    @Test
    void runIsTheBuiltInDefaultWithThisModelAndAContextItWasTrainedFor() throws Exception {
        Path file = dir.resolve("blobs/sha256-abc");
        Files.createDirectories(file.getParent());
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, file);
        DeploymentProfile defaults = DeploymentProfile.builder().name("default").port(41234).ctx(4096).build();

        DeploymentProfile p = ModelActions.runProfile(model("llama3.2:3b", "Ollama", file), defaults);

        assertThat(p.engine()).isEqualTo(EngineKind.BUILTIN);
        assertThat(p.name()).isEqualTo("llama3.2-3b");
        assertThat(p.model()).isEqualTo(file.toString());
        assertThat(p.quantization()).isEqualTo("Q8_0");
        assertThat(p.ctx()).as("TINY is trained for 1024 tokens").isEqualTo(LlamaModelSpec.TINY.contextLength());
        assertThat(p.port()).as("the default's port, not a new one").isEqualTo(41234);
        assertThat(ModelActions.runProfile(model("x", "Ollama", file), defaults.toBuilder().ctx(512).build()).ctx()).isEqualTo(512);
    }

    @Test
    void profileNamesAreValidProfileNames() {
        assertThat(ModelActions.profileName("hf.co/org/Repo-GGUF:Q4_K_M")).isEqualTo("hf.co-org-Repo-GGUF-Q4_K_M");
        assertThat(ModelActions.profileName("org/Tiny-GGUF/tiny-Q8_0.gguf")).isEqualTo("org-Tiny-GGUF-tiny-Q8_0");
        assertThat(ModelActions.profileName("::")).isEqualTo("model");
        assertThat(ModelActions.profileName("a".repeat(80))).hasSize(64);
    }

    @Test
    void quantizingAnotherToolsModelWritesIntoInferDecksFolderAndLeavesTheStoreAlone() throws Exception {
        Path blobs = dir.resolve("ollama/blobs");
        Path blob = blobs.resolve("sha256-" + "e".repeat(64));
        Files.createDirectories(blobs);
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.F32, blob);
        ModelLibrary library = new ModelLibrary(dir.resolve("models"));

        var result = actions(library).quantize(model("tiny:f32", "Ollama", blob), GgmlType.Q8_0, (d, t) -> { });

        assertThat(result.output()).isEqualTo(library.dir().resolve("tiny-q8_0.gguf"));
        assertThat(ModelSummary.of(GgufReader.read(result.output())).quant()).isEqualTo("Q8_0");
        try (Stream<Path> s = Files.list(blobs)) {
            assertThat(s.toList()).containsExactly(blob);
        }
    }

    @Test
    void quantizingAFolderModelWritesItsSiblingAndASplitModelIsRefused() throws Exception {
        Path f32 = dir.resolve("mine/tiny-f32.gguf");
        Files.createDirectories(f32.getParent());
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.F32, f32);
        ModelActions actions = actions(new ModelLibrary(dir.resolve("models")));

        assertThat(actions.quantize(model("tiny-f32.gguf", ModelStores.FOLDER, f32), GgmlType.Q4_0, (d, t) -> { }).output())
                .isEqualTo(dir.resolve("mine/tiny-q4_0.gguf"));

        List<Path> parts = ModelFixtures.split(dir.resolve("split"), "big", 2);
        DiscoveredModel split = new DiscoveredModel("big", ModelStores.FOLDER, parts, OptionalLong.empty(),
                Optional.of(ModelFacts.read(parts)), Optional.empty());
        assertThatThrownBy(() -> actions.quantize(split, GgmlType.Q4_0, (d, t) -> { }))
                .hasMessageContaining("merge its 2 parts first");
    }

    @Test
    void inspectShowsTheStoreTheFilesAndTheInspectCommandsLines() throws Exception {
        Path file = dir.resolve("t.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, file);

        List<String> lines = actions(new ModelLibrary(dir.resolve("models"))).inspect(model("t.gguf", "LM Studio", file));

        assertThat(lines.getFirst()).isEqualTo("t.gguf  (LM Studio)");
        assertThat(lines).contains("file          " + file, "architecture  llama", "quant         Q8_0", "chat template yes");
        assertThat(actions(new ModelLibrary(dir)).canReveal()).isFalse();
    }
}
