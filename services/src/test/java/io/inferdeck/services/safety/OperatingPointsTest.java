package io.inferdeck.services.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.classifier.ClassifierHead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatingPointsTest {
    @TempDir
    Path dir;

    @Test
    void savingAThresholdWritesTheUserHeadTheFiltersThenLoad() throws Exception {
        SafetyPaths paths = new SafetyPaths(dir.resolve("d"), dir.resolve("c"));
        try (SafetyService service = new SafetyService(paths, FilterSettings.defaults(), Clock.systemUTC())) {
            OperatingPoints points = service.operatingPoints();
            OperatingPoints.Loaded bundled = points.load();
            assertThat(bundled.source()).isEmpty();
            assertThat(bundled.head().hash()).isEqualTo(ClassifierHead.bundled().hash());
            String category = bundled.curves().categories().getFirst();
            String before = service.filters().classifier().fingerprint();

            OperatingPoints.Loaded saved = points.save(category, 0.96);

            assertThat(saved.source()).contains(paths.userHead());
            assertThat(Files.isRegularFile(paths.userHead())).isTrue();
            OperatingPoints.Loaded again = service.operatingPoints().load();
            assertThat(again.source()).contains(paths.userHead());
            assertThat(again.threshold(category)).isEqualTo(0.96);
            assertThat(again.head().hash()).isEqualTo(saved.head().hash());
            assertThat(again.curves()).isEqualTo(bundled.curves());
            String after = service.filters().classifier().fingerprint();
            assertThat(after).isNotEqualTo(before)
                    .startsWith(saved.head().hash().substring(0, 16));
            assertThatThrownBy(() -> points.save("no-such-category", 0.5)).isInstanceOf(IllegalArgumentException.class);
            assertThat(service.operatingPoints().load().head().hash()).isEqualTo(saved.head().hash());
        }
    }
}
