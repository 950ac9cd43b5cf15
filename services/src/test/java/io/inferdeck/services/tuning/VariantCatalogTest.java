package io.inferdeck.services.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.tuning.quality.VariantFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Variant discovery, naming and creation on real tiny GGUF files (what the page lists and the sweep CLI runs). */
class VariantCatalogTest {
    @TempDir
    static Path shared;
    static Path f32;
    static Path q4;
    @TempDir
    Path dir;

    @BeforeAll
    static void models() throws Exception {
        f32 = shared.resolve("inferdeck-tiny-f32.gguf");
        q4 = shared.resolve("inferdeck-tiny-q4_0.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.F32, f32);
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, q4);
    }

    VariantCatalog catalog() {
        return new VariantCatalog(new ModelLibrary(dir.resolve("library")));
    }

    Path copy(Path model) throws Exception {
        return Files.copy(model, dir.resolve(model.getFileName()));
    }

    @Test
    void listsTheFilesBesideTheModelThenWhatTheQuantizerCanWriteNamedLikeThem() throws Exception {
        Path model = copy(q4);
        copy(f32);
        Files.writeString(dir.resolve("inferdeck-tiny-q8_0.gguf"), "not a model");   // corrupt: not offered as existing

        List<Variant> variants = catalog().variants(model);

        assertThat(variants).extracting(Variant::toString).containsExactly("F32", "F16 (create)", "Q4_0", "Q4_1 (create)",
                "Q5_0 (create)", "Q8_0 (create)", "BF16 (create)");
        assertThat(variants).filteredOn(v -> v.quant().equals("Q8_0")).singleElement()
                .isEqualTo(new Variant("Q8_0", dir.resolve("inferdeck-tiny-q8_0.gguf"), false));
        assertThat(catalog().shapes(variants)).as("memory-fit inputs: the files that exist").containsOnlyKeys("F32", "Q4_0")
                .allSatisfy((quant, shape) -> assertThat(shape.trainedContext()).isEqualTo(LlamaModelSpec.TINY.contextLength()));
        assertThat(catalog().forSweep(DeploymentProfile.builder().model(model.toString()).build(), List.of("Q4_0")))
                .isEqualTo(Map.of("F32", dir.resolve("inferdeck-tiny-f32.gguf"), "Q4_0", model));
    }

    @Test
    void withoutAFloatSourceOnlyTheFilesOnDiskAreOffered() throws Exception {
        assertThat(catalog().variants(copy(q4))).extracting(Variant::toString).containsExactly("Q4_0");
        assertThatThrownBy(() -> catalog().forSweep(DeploymentProfile.builder().build(), List.of("Q9_9")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown quant Q9_9");
    }

    @Test
    void createsAMissingVariantFromTheFloatFileBesideIt() throws Exception {
        Path model = copy(q4);
        copy(f32);
        Variant q8 = new Variant("Q8_0", VariantFiles.sibling(model, GgmlType.Q8_0), false);

        var r = catalog().create(q8, (done, total) -> { });

        assertThat(r.output()).isEqualTo(dir.resolve("inferdeck-tiny-q8_0.gguf"));
        assertThat(VariantFiles.typeOf(r.output())).isEqualTo(GgmlType.Q8_0);
        assertThat(catalog().variants(model)).contains(new Variant("Q8_0", r.output(), true));
        assertThatThrownBy(() -> catalog().create(new Variant("Q4_K", dir.resolve("x-q4_k.gguf"), false), (d, t) -> { }))
                .hasMessage("InferDeck cannot write Q4_K");
    }

    @Test
    void aVariantsFileIsTheModelsStemWithTheTypeSuffixWhateverSuffixTheModelHas() {
        assertThat(VariantFiles.sibling(Path.of("/m/model-f16.gguf"), GgmlType.Q4_0)).isEqualTo(Path.of("/m/model-q4_0.gguf"));
        assertThat(VariantFiles.sibling(Path.of("/m/Model.Q8_0.gguf"), GgmlType.F16)).isEqualTo(Path.of("/m/Model-f16.gguf"));
        assertThat(VariantFiles.sibling(Path.of("/m/plain.gguf"), GgmlType.Q5_0)).isEqualTo(Path.of("/m/plain-q5_0.gguf"));
        assertThat(VariantFiles.sibling(Path.of("/m/model_bf16.gguf"), GgmlType.Q8_0)).isEqualTo(Path.of("/m/model-q8_0.gguf"));
    }
}
