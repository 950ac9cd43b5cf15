package io.inferdeck.services.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.tuning.history.RunRecord;
import io.inferdeck.tuning.history.RunStatus;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.LoadShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inferdeck bench} ({@link BenchRun#ofPlan}) and the page's "Apply & measure" ({@link BenchRun#afterApply})
 * go through the one {@link TuningService#bench}: the same result gives the same history row, apart from the
 * label and the settings each stores.
 */
class BenchPathTest {
    @TempDir
    Path dir;

    final GivenEngines engines = new GivenEngines();
    final List<HistoryProblem> problems = new ArrayList<>();
    final BenchPlan plan = BenchPlan.builder("http://127.0.0.1:1", new LoadShape.ClosedLoop(4)).duration(Duration.ofSeconds(10)).build();
    final DeploymentProfile applied = DeploymentProfile.builder().name("base").quantization("Q4_0").parallel(2).build();
    TuningBackend service;

    @BeforeEach
    void open() {
        service = backend(dir.resolve("history.db"));
    }

    TuningBackend backend(Path db) {
        return new TuningBackend(new ModelLibrary(dir.resolve("models")), new ProfileLibrary(dir.resolve("profiles")),
                new RunLog(db, Clock.systemUTC()), dir.resolve("work"), engines);
    }

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void theCliAndThePageRecordTheSameRowForTheSameResult() throws Exception {
        assertThat(service.bench(BenchRun.ofPlan(plan, true), p -> { }, problems::add)).isSameAs(engines.benchResult);
        assertThat(service.bench(BenchRun.afterApply(plan, applied), p -> { }, problems::add)).isSameAs(engines.benchResult);

        List<RunRecord> runs = service.history().list(10);
        RunRecord page = service.history().get(runs.get(0).id()).orElseThrow();
        RunRecord cli = service.history().get(runs.get(1).id()).orElseThrow();
        assertThat(List.of(cli, page)).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo("bench");
            assertThat(r.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(r.figures().get("requests_per_s")).isEqualTo(5.0);
        });
        assertThat(page.figures()).isEqualTo(cli.figures());
        assertThat(page.resultJson()).isEqualTo(cli.resultJson()).get().asString().contains("\"requests_per_s\"");
        assertThat(page.hardware()).isEqualTo(cli.hardware());
        assertThat(cli.label()).isEqualTo("closed loop, 4 streams");
        assertThat(cli.profileJson()).contains("\"concurrency\"");
        assertThat(page.label()).isEqualTo("apply & measure: base Q4_0 batch 512 parallel 2");
        assertThat(page.profileJson()).contains("\"parallel\" : 2");
        assertThat(problems).isEmpty();
    }

    @Test
    void aRunStoppedEarlyOrFailedIsPartialWhicheverSideStartedIt() throws Exception {
        engines.benchResult = GivenEngines.result(5, 200, 250, true);
        service.bench(BenchRun.ofPlan(plan, true), p -> { }, problems::add);
        service.bench(BenchRun.afterApply(plan, applied), p -> { }, problems::add);
        engines.benchFailure = new IllegalStateException("connection refused");
        for (BenchRun run : List.of(BenchRun.ofPlan(plan, true), BenchRun.afterApply(plan, applied))) {
            assertThatThrownBy(() -> service.bench(run, p -> { }, problems::add)).isSameAs(engines.benchFailure);
        }

        assertThat(service.history().list(10)).extracting(r -> r.status() + " " + r.note()).containsExactly(
                "PARTIAL failed: connection refused", "PARTIAL failed: connection refused",
                "PARTIAL stopped early", "PARTIAL stopped early");
    }

    @Test
    void aRunInWhichNoRequestSucceededIsRecordedFailedNotComplete() throws Exception {
        engines.benchResult = GivenEngines.failed(Map.of("http_500", 7L));
        assertThat(service.bench(BenchRun.ofPlan(plan, true), p -> { }, problems::add)).isSameAs(engines.benchResult);
        assertThat(service.history().list(10)).extracting(r -> r.status() + " " + r.note())
                .containsExactly("PARTIAL failed: no request succeeded {http_500=7}");
    }

    @Test
    void anUnrecordedBenchLeavesNoRowAndAnUnopenableHistoryNeverFailsTheRun() throws Exception {
        service.bench(BenchRun.ofPlan(plan, false), p -> { }, problems::add);
        assertThat(service.history().list(10)).isEmpty();

        Path notADatabase = Files.createDirectories(dir.resolve("a-folder.db"));
        try (TuningBackend broken = backend(notADatabase)) {
            assertThat(broken.bench(BenchRun.afterApply(plan, applied), p -> { }, problems::add)).isSameAs(engines.benchResult);
        }
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(HistoryProblem.Kind.NOT_RECORDING);
            assertThat(p.database()).isEqualTo(notADatabase);
        });
        assertThat(engines.benched).hasSize(2);
    }
}
