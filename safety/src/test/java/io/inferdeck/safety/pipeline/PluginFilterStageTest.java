package io.inferdeck.safety.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.common.plugin.PluginEntry;
import io.inferdeck.common.plugin.PluginScanner;
import io.inferdeck.common.plugin.Registration;
import io.inferdeck.common.plugin.TestPluginJars;
import io.inferdeck.plugin.api.safety.FilterStagePlugin;
import io.inferdeck.safety.Decision;
import io.inferdeck.safety.SafetyFilters;
import io.inferdeck.safety.Span;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.classifier.ClassifierStage;
import io.inferdeck.safety.pii.MaskPolicy;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filter-stage plugins, found by the plugin scanner, join the pipeline as extra stages: they judge the
 * normalized text with spans in the original, mask, fail without stopping the others, and a plugin that
 * clashes with a built-in or cannot say its order is refused with the reason.
 */
class PluginFilterStageTest {
    @TempDir
    Path dir;
    private URLClassLoader classPath;
    private Registration<List<FilterStage>> installed;

    @BeforeEach
    void scan() throws Exception {
        classPath = TestPluginJars.classPath(dir, Map.of(FilterStagePlugin.class, List.of(ApiRegexPlugin.class,
                ApiRegexPlugin.Digits.class, ApiRegexPlugin.Flaky.class, ApiRegexPlugin.Pii.class, ApiRegexPlugin.NoOrder.class)));
        installed = PluginStages.register(new PluginScanner(classPath, dir.resolve("plugins"), Set.of()).scan());
    }

    @AfterEach
    void close() throws Exception {
        classPath.close();
    }

    private FilterPipeline pipeline(List<FilterStage> extra) {
        return SafetyFilters.pipeline(FilterConfig.defaults(), FilterStagesTest.BLOCKLIST, ClassifierStage.unavailable("test"),
                MaskPolicy.defaults(), FilterStagesTest.CLOCK, r -> { }, extra);
    }

    @Test
    void registersValidPluginsAndRefusesTheOthersWithTheReason() {
        assertThat(installed.registry()).extracting(FilterStage::id)
                .containsExactly(new Stage("regex"), new Stage("digits"), new Stage("flaky"));
        assertThat(installed.scan().entries()).extracting(PluginEntry::provides, PluginEntry::stateText).containsExactly(
                org.assertj.core.groups.Tuple.tuple("regex", "enabled"),
                org.assertj.core.groups.Tuple.tuple("digits", "enabled"),
                org.assertj.core.groups.Tuple.tuple("flaky", "enabled"),
                org.assertj.core.groups.Tuple.tuple("pii", "refused: stage 'pii' is built in"),
                org.assertj.core.groups.Tuple.tuple("no-order", "refused: UnsupportedOperationException: order not configured"));
        assertThat(SafetyFilters.builtInStages(FilterStagesTest.BLOCKLIST, ClassifierStage.unavailable("test"),
                MaskPolicy.defaults(), FilterStagesTest.CLOCK)).extracting(FilterStage::id).isEqualTo(Stage.BUILT_IN);
    }

    @Test
    void aPluginJudgesTheNormalizedTextWithSpansInTheOriginal() {
        String text = "pay with ｃａｒｄ #1234 today";
        PipelineResult r = pipeline(installed.registry().subList(0, 1)).filter(text, Side.INPUT);

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.decisive().stage()).isEqualTo(new Stage("regex"));
        assertThat(r.decisive().rule()).isEqualTo("regex:card");
        Span span = r.decisive().spans().getFirst();
        assertThat(text.substring(span.start(), span.end())).isEqualTo("ｃａｒｄ #1234");
        assertThat(r.stageNanos()).containsKey(new Stage("regex"));
        assertThat(pipeline(installed.registry().subList(0, 1)).filter("a card game", Side.INPUT).decision())
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void aMaskingPluginRedactsAndAThrowingOneIsReviewedWhileTheOthersRun() {
        PipelineResult masked = pipeline(installed.registry().subList(1, 2)).filter("room 42 please", Side.OUTPUT);
        assertThat(masked.decision()).isEqualTo(Decision.REDACT);
        assertThat(masked.safeText()).isEqualTo("room ## please");

        PipelineResult failed = pipeline(installed.registry()).filter("see you at 9", Side.INPUT);
        assertThat(failed.decision()).isEqualTo(Decision.REVIEW);
        assertThat(failed.decisive().rule()).isEqualTo("flaky:failed:IllegalStateException");
        assertThat(failed.verdicts()).extracting(v -> v.stage().wire())
                .containsExactly("blocklist", "flaky", "regex", "pii", "digits", "classifier");
    }
}
