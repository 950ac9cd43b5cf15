package io.inferdeck.safety.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdCurvesTest {

    @Test
    void bundledHeadCarriesACurvePerCategoryAndLanguageWithFiguresFromItsTrainingSummary() throws Exception {
        ClassifierHead head = ClassifierHead.bundled();
        ThresholdCurves curves = ThresholdCurves.of(head);
        assertThat(curves.categories()).containsExactlyElementsOf(head.categories());
        for (String c : curves.categories()) {
            assertThat(curves.languages(c)).contains("all", "en", "zh");
            List<ThresholdCurves.Point> all = curves.curve(c, "all");
            assertThat(all).hasSize(head.training().path("curves").path(c).path("all").path("threshold").size());
            for (int i = 1; i < all.size(); i++) {
                // a stricter threshold never stops more of the category nor more benign prompts
                assertThat(all.get(i).threshold()).isGreaterThan(all.get(i - 1).threshold());
                assertThat(all.get(i).recall()).isLessThanOrEqualTo(all.get(i - 1).recall());
                assertThat(all.get(i).benignFpr()).isLessThanOrEqualTo(all.get(i - 1).benignFpr());
            }
            double stored = head.training().path("curves").path(c).path("zh").path("recall").get(9).asDouble();
            assertThat(curves.at(c, "zh", 0.201).orElseThrow().recall()).isEqualTo(stored);
        }
        assertThat(curves.at("no-such", "en", 0.5)).isEmpty();
    }

    @Test
    void withThresholdMovesOneHeadAndItsReviewBandAndSurvivesAJsonRoundTrip() throws Exception {
        ClassifierHead head = ClassifierHead.bundled();
        String c = head.categories().get(1);
        LinearHead before = head.heads().get(1);
        ClassifierHead moved = head.withThreshold(c, 0.9);
        LinearHead after = moved.heads().get(1);
        assertThat(after.threshold()).isEqualTo(0.9);
        assertThat(after.threshold() - after.reviewThreshold().orElseThrow())
                .isCloseTo(before.threshold() - before.reviewThreshold().orElseThrow(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(after.weights()).isEqualTo(before.weights());
        for (int i = 0; i < head.heads().size(); i++) {
            if (i != 1) {
                assertThat(moved.heads().get(i)).isSameAs(head.heads().get(i));
            }
        }
        ClassifierHead read = ClassifierHead.fromJson(moved.toJson());
        assertThat(read.heads().get(1).threshold()).isEqualTo(0.9);
        assertThat(read.hash()).isEqualTo(moved.hash()).isNotEqualTo(head.hash());
        assertThat(ThresholdCurves.of(read)).isEqualTo(ThresholdCurves.of(head));
        assertThatThrownBy(() -> head.withThreshold("nope", 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> head.withThreshold(c, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
