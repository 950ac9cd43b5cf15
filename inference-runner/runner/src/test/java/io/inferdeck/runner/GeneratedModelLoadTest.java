package io.inferdeck.runner;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** llama.cpp itself loads every variant InferDeck's generator writes and generates tokens from it. */
class GeneratedModelLoadTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void privateNativeDir() throws Exception {
        Path natives = Files.createDirectories(dir.resolve("natives"));
        System.setProperty("de.kherud.llama.tmpdir", natives.toString());
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "Q8_0", "Q4_0", "Q4_1", "Q5_0"})
    void llamaCppLoadsAndGenerates(GgmlType type) throws Exception {
        Path file = dir.resolve("tiny-" + type + ".gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, type, file);
        try (LlamaModel model = new LlamaModel(new ModelParameters().setModel(file.toString())
                .setCtxSize(256).setThreads(1).setGpuLayers(0))) {
            int[] tokens = model.encode("the model token engine");
            assertThat(tokens).isNotEmpty();
            String text = model.complete(new InferenceParameters("the river").setNPredict(12).setSeed(1)
                    .setTemperature(0.8f).setIgnoreEos(true));
            assertThat(model.encode(text).length).isGreaterThan(0);
        }
    }
}
