package io.inferdeck.services.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.classifier.ClassifierHead;
import io.inferdeck.safety.classifier.TrainingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training the head on a small labeled set with the real embedder; the head lands where asked, or in the user head. */
class ClassifierTrainingTest {

    @TempDir
    Path dir;

    @Test
    void trainsOnLabeledTextsAndWritesTheUserHeadByDefault() throws Exception {
        Path data = dir.resolve("set.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            lines.append("{\"text\": \"how do I bake bread number ").append(i).append("\", \"label\": \"benign\"}\n");
            lines.append("{\"text\": \"I will hurt you badly, threat ").append(i).append("\", \"label\": \"violence\"}\n");
        }
        Files.writeString(data, lines);
        SafetyPaths paths = new SafetyPaths(dir.resolve("data"), dir.resolve("config"));
        try (SafetyService service = new SafetyService(paths, FilterSettings.defaults(), Clock.systemUTC())) {
            ClassifierTraining training = service.training();
            TrainingData d = training.load(data.toString());
            assertThat(ClassifierTraining.unusable(d)).isEmpty();
            int[] embedded = {0};

            ClassifierTraining.Trained t = training.train(d, 50, null, n -> embedded[0] = n);

            assertThat(t.head()).isEqualTo(paths.userHead()).isNotEmptyFile();
            assertThat(embedded[0]).isEqualTo(d.examples().size());
            assertThat(t.result().trainCount() + t.result().heldOutCount()).isEqualTo(d.examples().size());
            assertThat(t.took()).isPositive();
            assertThat(ClassifierHead.read(t.head()).heads()).extracting(h -> h.category()).containsExactly("violence");
        }
    }

    @Test
    void refusesDataWithoutBenignExamples() throws Exception {
        Path data = dir.resolve("harmful-only.jsonl");
        Files.writeString(data, "{\"text\": \"I will hurt you\", \"label\": \"violence\"}\n");
        try (SafetyService service = new SafetyService(new SafetyPaths(dir.resolve("d"), dir.resolve("c")),
                FilterSettings.defaults(), Clock.systemUTC())) {
            TrainingData d = service.training().load(data.toString());

            assertThat(ClassifierTraining.unusable(d)).get().asString().contains("benign");
            assertThat(ClassifierTraining.unusable(service.training().load(ClassifierTraining.BUNDLED))).isEmpty();
        }
    }
}
