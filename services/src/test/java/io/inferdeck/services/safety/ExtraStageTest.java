package io.inferdeck.services.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.pii.MaskPolicy;
import io.inferdeck.safety.pipeline.FilterConfig;
import io.inferdeck.safety.pipeline.FilterStage;
import io.inferdeck.safety.pipeline.PipelineResult;
import io.inferdeck.safety.pipeline.Side;
import io.inferdeck.safety.pipeline.StageInput;
import io.inferdeck.safety.pipeline.StageOutcome;
import io.inferdeck.safety.pipeline.StageSwitches;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage no production class knows, handed to the service through {@link FilterSettings#withStage}: the
 * whole service path (settings → filter set → pipeline) runs it, times it and lets it decide. The
 * classifier is switched off so no model loads.
 */
class ExtraStageTest {
    static final Stage TICKET = new Stage("ticket");

    /** BLOCK when the normalized text names an internal ticket id ("inc-" and digits). */
    static final class TicketStage implements FilterStage {
        @Override
        public Stage id() {
            return TICKET;
        }

        @Override
        public int order() {
            return 350;
        }

        @Override
        public StageOutcome apply(StageInput in) {
            boolean hit = in.normalized().text().matches("(?s).*\\binc-\\d+\\b.*");
            return StageOutcome.judged(hit ? Verdict.byRule(Decision.BLOCK, TICKET, "ticket:inc", "internal", List.of())
                    : Verdict.allow(TICKET));
        }
    }

    @TempDir
    Path dir;

    FilterSettings settings(String stages) {
        StageSwitches on = StageSwitches.parse(stages);
        return new FilterSettings(FilterConfig.builder().input(on).output(on).build(), null, null, MaskPolicy.defaults());
    }

    @Test
    void anExtraStageRunsThroughTheServiceIsTimedAndDecides() throws Exception {
        SafetyPaths paths = new SafetyPaths(dir.resolve("data"), dir.resolve("config"));
        FilterSettings withTicket = settings("normalize,blocklist,pii,ticket").withStage(new TicketStage());
        try (SafetyService service = new SafetyService(paths, withTicket, Clock.systemUTC())) {
            PipelineResult r = service.check("Status of INC-4711? Call 13800138000", Side.INPUT);
            assertThat(r.decision()).isEqualTo(Decision.BLOCK);
            assertThat(r.decisive().stage()).isEqualTo(TICKET);
            assertThat(r.verdicts()).extracting(Verdict::stage).containsExactly(Stage.BLOCKLIST, Stage.PII, TICKET);
            assertThat(r.stageNanos()).containsKey(TICKET);
            assertThat(r.safeText()).contains("138****8000");
            assertThat(service.filters().pipeline().stages()).contains(TICKET);
            assertThat(service.check("Status of my order?", Side.INPUT).decision()).isEqualTo(Decision.ALLOW);
        }
    }

    @Test
    void theStageIdsAProfileMayNameAreThoseOfThePipelineTheSettingsBuild() throws Exception {
        SafetyPaths paths = new SafetyPaths(dir.resolve("data"), dir.resolve("config"));
        FilterSettings withTicket = settings("normalize").withStage(new TicketStage());
        try (SafetyFilterSet set = SafetyFilterSet.open(withTicket, paths, Clock.systemUTC(), r -> { })) {
            assertThat(withTicket.stageIds()).containsExactlyInAnyOrderElementsOf(
                    set.pipeline().stages().stream().map(Stage::wire).toList()).contains("ticket", "pii", "classifier");
        }
        assertThat(settings("normalize").stageIds()).doesNotContain("ticket");
    }

    @Test
    void switchingOnAStageNobodyRegisteredFailsWithTheStagesOnOffer() {
        SafetyPaths paths = new SafetyPaths(dir.resolve("data"), dir.resolve("config"));
        assertThatThrownBy(() -> SafetyFilterSet.open(settings("blocklist,ticket"), paths, Clock.systemUTC(), r -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown stage 'ticket'")
                .hasMessageContaining("normalize, blocklist, pii, classifier");
    }
}
