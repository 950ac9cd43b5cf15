package io.inferdeck.safety.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.SafetyFilters;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.blocklist.Blocklist;
import io.inferdeck.safety.blocklist.TermListLoader;
import io.inferdeck.safety.classifier.ClassifierStage;
import io.inferdeck.safety.pii.MaskPolicy;
import io.inferdeck.safety.pii.PiiKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Stages as strategies: a stage unknown to production code joins through the registration point (the
 * extra stages beside {@link SafetyFilters#builtInStages}), runs in its place, is timed and decides; a stage
 * that throws is recorded, not fatal. The classifier is unavailable here (no model load): it still runs
 * and says so, as in production without the native library.
 */
class FilterStagesTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);
    static final Blocklist BLOCKLIST = Blocklist.build(TermListLoader.starterLists());
    static final Stage REGEX = new Stage("regex");
    final List<PipelineResult> reviewed = new CopyOnWriteArrayList<>();

    FilterPipeline pipeline(FilterConfig config, FilterStage... extra) {
        return SafetyFilters.pipeline(config, BLOCKLIST, ClassifierStage.unavailable("test"), MaskPolicy.defaults(),
                CLOCK, reviewed::add, List.of(extra));
    }

    /** A stage whose every call fails, with the text in the message (which must not reach the verdict). */
    static FilterStage throwing(String id, int order) {
        return new FilterStage() {
            @Override
            public Stage id() {
                return new Stage(id);
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public StageOutcome apply(StageInput in) {
                throw new IllegalStateException("cannot judge " + in.original());
            }
        };
    }

    @Test
    void aRegisteredStageRunsInItsPlaceIsTimedAndDecides() {
        FilterPipeline p = pipeline(FilterConfig.defaults(), new RegexRuleStage("regex", 250, "order\\s*#\\d{4}", "fraud"));
        assertThat(p.stages()).containsExactly(Stage.NORMALIZE, Stage.BLOCKLIST, REGEX, Stage.PII, Stage.CLASSIFIER);

        PipelineResult r = p.filter("Refund ORDER #1234 to 13800138000", Side.INPUT);
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.decisive().stage()).isEqualTo(REGEX);
        assertThat(r.decisive().category()).isEqualTo("fraud");
        assertThat(r.decisive().spans()).singleElement().satisfies(s ->
                assertThat("Refund ORDER #1234 to 13800138000".substring(s.start(), s.end())).isEqualTo("ORDER #1234"));
        // The classifier is skipped once the new stage blocked, exactly as after a blocklist hit.
        assertThat(r.verdicts()).extracting(Verdict::stage).containsExactly(Stage.BLOCKLIST, REGEX, Stage.PII);
        assertThat(r.stageNanos()).containsKeys(Stage.NORMALIZE, Stage.BLOCKLIST, REGEX, Stage.PII);
        assertThat(r.safeText()).contains("138****8000");

        PipelineResult benign = p.filter("Where is my parcel?", Side.INPUT);
        assertThat(benign.decision()).isEqualTo(Decision.ALLOW);
        assertThat(benign.verdicts()).extracting(Verdict::stage).contains(REGEX, Stage.CLASSIFIER);
    }

    @Test
    void switchesNameTheNewStageAndUnknownNamesListTheStagesThePipelineHas() {
        FilterConfig onlyRegex = FilterConfig.builder().input(StageSwitches.parse("normalize, REGEX")).build();
        PipelineResult r = pipeline(onlyRegex, new RegexRuleStage("regex", 250, "order #\\d+", "fraud"))
                .filter("order #12 and a pipe bomb", Side.INPUT);
        assertThat(r.verdicts()).extracting(Verdict::stage).containsExactly(REGEX);
        assertThat(r.stageNanos()).containsOnlyKeys(Stage.NORMALIZE, REGEX);

        assertThatThrownBy(() -> pipeline(onlyRegex))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown stage 'regex' in the input stages")
                .hasMessageContaining("normalize, blocklist, pii, classifier");
        assertThatThrownBy(() -> StageSwitches.parse("pii,no such")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad stage id 'no such'");
        assertThatThrownBy(() -> pipeline(FilterConfig.defaults(), new RegexRuleStage("pii", 250, "x", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share an id");
    }

    @Test
    void aFailedStageIsLoggedWithItsTypeAndFramesButNotItsMessage() {
        IllegalStateException e = new IllegalStateException("text about lunch", new ArithmeticException("lunch"));
        String where = FilterPipeline.where(e);
        assertThat(where).startsWith("java.lang.IllegalStateException at ")
                .contains("FilterStagesTest.aFailedStageIsLoggedWithItsTypeAndFramesButNotItsMessage")
                .endsWith("; cause java.lang.ArithmeticException").doesNotContain("lunch");
    }

    @Test
    void aThrowingStageIsRecordedAsReviewAndTheOthersStillRun() {
        FilterPipeline p = pipeline(FilterConfig.defaults(), throwing("flaky", 150));
        PipelineResult r = p.filter("mail li.lei@example.org about lunch", Side.OUTPUT);

        assertThat(r.decision()).isEqualTo(Decision.REVIEW);
        assertThat(r.decisive().stage()).isEqualTo(new Stage("flaky"));
        assertThat(r.decisive().rule()).isEqualTo("flaky:failed:IllegalStateException").doesNotContain("lunch");
        assertThat(r.decisive().category()).isEqualTo(StageOutcome.FAILURE_CATEGORY);
        assertThat(r.verdicts()).extracting(Verdict::stage)
                .containsExactly(new Stage("flaky"), Stage.BLOCKLIST, Stage.PII, Stage.CLASSIFIER);
        assertThat(r.safeText()).contains("l***@example.org");
        assertThat(r.stageNanos()).containsKey(new Stage("flaky"));
        assertThat(reviewed).containsExactly(r);
    }

    @Test
    void aThrowingStageNeverOutranksABlock() {
        PipelineResult r = pipeline(FilterConfig.defaults(), throwing("flaky", 500)).filter("a pipe bomb", Side.INPUT);
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.decisive().stage()).isEqualTo(Stage.BLOCKLIST);
        assertThat(r.verdicts()).extracting(Verdict::decision).containsExactly(Decision.BLOCK, Decision.ALLOW,
                Decision.REVIEW);
    }

    @Test
    void builtInConfigHashKeepsItsFormulaAndAnExtraStageChangesIt() {
        String all = "normalize,blocklist,pii,classifier";
        String expected = FilterConfig.sha256("in=" + all + ";out=" + all + ";review=0.1500;max=32768"
                + "|terms=" + BLOCKLIST.termCount() + "/" + BLOCKLIST.listCount()
                + "|pii=" + EnumSet.allOf(PiiKind.class) + MaskPolicy.defaults().describe()).substring(0, 16);
        assertThat(pipeline(FilterConfig.defaults()).configHash()).isEqualTo(expected);
        assertThat(pipeline(FilterConfig.defaults(), new RegexRuleStage("regex", 250, "a", "x")).configHash())
                .isNotEqualTo(expected)
                .isNotEqualTo(pipeline(FilterConfig.defaults(), new RegexRuleStage("regex", 250, "b", "x")).configHash());
    }

    @Test
    void stageIdsAreOpenValuesWithTheOldWireAndPrintedForms() {
        assertThat(Stage.parse(" PII ")).isEqualTo(Stage.PII);
        assertThat(Stage.CLASSIFIER.wire()).isEqualTo("classifier");
        assertThat(Stage.BLOCKLIST).hasToString("BLOCKLIST");
        assertThat(StageSwitches.parse("pii,blocklist").describe(List.of(Stage.NORMALIZE, Stage.BLOCKLIST, Stage.PII)))
                .isEqualTo("blocklist,pii");
        assertThat(StageSwitches.all().on(REGEX)).isTrue();
        assertThat(StageSwitches.none().on(Stage.PII)).isFalse();
    }
}
