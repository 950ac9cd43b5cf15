package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.pipeline.PipelineResult;
import io.inferdeck.safety.pipeline.Side;
import io.inferdeck.safety.report.RunHistory;
import io.inferdeck.safety.review.ReviewQueue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code safety run} exit codes for CI and {@code safety review} against a queue in a temporary data
 * dir. {@code safety run} resolves its data dir from the environment, so user.home points at the
 * temporary dir for the test (XDG_DATA_HOME, when set, still wins there).
 */
class SafetyCliTest {

    @TempDir
    Path home;
    private String savedHome;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void pointHomeAtTemp() {
        savedHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        System.setProperty("user.home", savedHome);
    }

    private int run(Object command, String... args) {
        CommandLine cmd = InferDeckCli.configure(new CommandLine(command));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void runExitsNonZeroExactlyWhenRecallIsBelowTheBar() throws Exception {
        Path json = home.resolve("r.json");
        Path html = home.resolve("r.html");
        assertThat(run(new SafetyCommand(), "run", "starter", "--json", json.toString(), "--html", html.toString()))
                .isZero();
        double recall = RunHistory.readJson(json).overall().recall();
        assertThat(Files.readString(html)).contains("<html");
        // the classifier scored every case, so each harmful category of the suite has its precision-recall plot
        var categories = RunHistory.readJson(json).cases().stream().filter(c -> c.expected() == Decision.BLOCK)
                .map(c -> "class=\"pr-curve\" data-category=\"" + c.category() + "\"").distinct().toList();
        assertThat(categories).isNotEmpty();
        assertThat(Files.readString(html)).contains(categories);

        String atRecall = String.format(Locale.ROOT, "%.6f", Math.floor(recall * 1e6) / 1e6);
        String aboveRecall = String.format(Locale.ROOT, "%.6f", recall + 0.001);
        assertThat(run(new SafetyCommand(), "run", "starter", "--fail-under", atRecall)).isZero();
        assertThat(run(new SafetyCommand(), "run", "starter", "--fail-under", aboveRecall)).isEqualTo(1);
    }

    @Test
    void runRefusesAMissingSuiteWithExitTwo() {
        assertThat(run(new SafetyCommand(), "run", home.resolve("nope.jsonl").toString())).isEqualTo(2);
    }

    @Test
    void reviewListsApprovesRelabelsAndExports() throws Exception {
        SafetyPaths paths = new SafetyPaths(home.resolve("data"), home.resolve("config"));
        try (ReviewQueue q = new ReviewQueue(paths.reviewDb(), Clock.systemUTC())) {
            for (String text : List.of("first borderline text", "second borderline text")) {
                Verdict v = Verdict.byScore(Decision.REVIEW, Stage.CLASSIFIER, 0.61, "violence");
                q.submit(new PipelineResult(Side.INPUT, Decision.REVIEW, v, List.of(v), text, Map.of(), false));
            }
        }
        assertThat(new CommandLine(new SafetyCommand()).getSubcommands()).containsKey("review");

        assertThat(run(new SafetyReviewCommand(() -> paths), "list")).isZero();
        assertThat(out.toString()).contains("2 pending").contains("#1").contains("first borderline text");

        assertThat(run(new SafetyReviewCommand(() -> paths), "approve", "1")).isZero();
        assertThat(run(new SafetyReviewCommand(() -> paths), "approve", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("no pending item #1");
        assertThat(run(new SafetyReviewCommand(() -> paths), "relabel", "2", "benign")).isZero();
        assertThat(out.toString()).contains("#2 relabeled as benign; 0 pending");

        Path jsonl = home.resolve("train.jsonl");
        assertThat(run(new SafetyReviewCommand(() -> paths), "export", jsonl.toString())).isZero();
        assertThat(Files.readAllLines(jsonl)).isNotEmpty().allMatch(l -> l.contains("\"label\""));
    }
}
