package io.inferdeck.tuning.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.LoadShape;
import io.inferdeck.tuning.load.PromptSet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real sweep: a fresh runner process per point (TINY model), measured with the real load generator. */
class SweepProcessTest {
    @TempDir
    Path dir;

    @Test
    void measuresEachPointOnItsOwnEngineAndAnExplicitProfileTheSameWay() throws Exception {
        Path q4 = dir.resolve("tiny-q4_0.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, q4);
        DeploymentProfile base = DeploymentProfile.builder().ctx(256).ubatch(256).build();
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
        try {
            Sweep sweep = new Sweep(base, Map.of("Q4_0", q4), LaunchContext.forThisJvm(), dir.resolve("work"), exec, Clock.systemUTC());
            assertThat(sweep.profileFor(new SweepPoint("Q4_0", 64, 2))).hasValueSatisfying(p -> {
                assertThat(p.ctx()).as("each slot keeps the base ctx").isEqualTo(512);
                assertThat(p.ubatch()).isEqualTo(64);
                assertThat(p.model()).isEqualTo(q4.toString());
            });
            assertThat(sweep.profileFor(new SweepPoint("F16", 64, 1))).isEmpty();

            Function<String, BenchPlan> plan = url -> BenchPlan.builder(url, new LoadShape.ClosedLoop(1))
                    .duration(Duration.ofSeconds(1)).maxTokens(4).prompts(PromptSet.builtInShort()).build();
            List<SweepOutcome> seen = new ArrayList<>();
            List<SweepOutcome> outcomes;
            try (var history = io.inferdeck.tuning.history.RunHistory.open(dir.resolve("history.db"), Clock.systemUTC())) {
                outcomes = sweep.run(List.of(new SweepPoint("Q4_0", 64, 1), new SweepPoint("F16", 64, 1)), plan,
                        new SweepHistory(history, w -> { throw new AssertionError(w); }), seen::add);
                assertThat(history.list(10)).extracting(r -> r.label() + " " + r.status()).containsExactly(
                        "F16 batch 64 parallel 1 PARTIAL", "Q4_0 batch 64 parallel 1 COMPLETE");
                assertThat(history.list(10).getLast().profileJson()).as("the point's own profile").contains("\"ubatch\" : 64");
            }
            assertThat(seen).isEqualTo(outcomes);
            BenchResult r = outcomes.get(0).result().orElseThrow();
            assertThat(r.ok()).isPositive();
            assertThat(r.sent()).isEqualTo(r.ok() + r.errors() + r.timeouts());
            assertThat(outcomes.get(1).failure()).contains("no model file for F16");

            SweepOutcome explicit = sweep.measure(new SweepPoint("Q4_0", 2048, 1),
                    base.toBuilder().model(q4.toString()).batch(2048).threads(1).build(), plan);
            assertThat(explicit.result()).hasValueSatisfying(x -> assertThat(x.ok()).isPositive());
        } finally {
            exec.shutdownNow();
        }
    }
}
