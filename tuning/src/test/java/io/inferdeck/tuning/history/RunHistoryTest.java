package io.inferdeck.tuning.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static Map<String, Double> figures(double qps, double p95) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("requests_per_s", qps);
        f.put("e2e_p95_ms", p95);
        f.put("itl_p50_ms", Double.NaN);
        return f;
    }

    @Test
    void runsAreStoredListedAndFetched() throws Exception {
        try (RunHistory h = RunHistory.open(dir.resolve("data/history.db"), CLOCK)) {
            long a = h.start(new NewRun("bench", "defaults", "{\"batch\":512}", "runner 0.1", "test host"));
            h.complete(a, figures(10, 250), "{\"schema\":\"inferdeck.bench/1\"}");
            long b = h.start(new NewRun("bench", "tuned", "{\"batch\":128}", "runner 0.1", "test host"));

            List<RunRecord> runs = h.list(10);
            assertThat(runs).extracting(RunRecord::id).containsExactly(b, a);
            assertThat(runs).extracting(RunRecord::status).containsExactly(RunStatus.RUNNING, RunStatus.COMPLETE);
            assertThat(runs.get(1).resultJson()).isEmpty(); // lists stay light
            RunRecord got = h.get(a).orElseThrow();
            assertThat(got.resultJson()).hasValue("{\"schema\":\"inferdeck.bench/1\"}");
            assertThat(got.figures()).containsEntry("requests_per_s", 10.0);
            assertThat(got.figures().get("itl_p50_ms")).isNaN();
            assertThat(got.figures().keySet()).containsExactly("requests_per_s", "e2e_p95_ms", "itl_p50_ms");
            assertThat(got.finishedAt()).hasValue(CLOCK.instant());
            assertThatThrownBy(() -> h.complete(a, figures(1, 1), null)).hasMessageContaining("no longer running");
            assertThat(h.get(999)).isEmpty();
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/history.db"));
             ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void aRunWhoseProcessDiedIsMarkedPartialOnTheNextOpen() throws Exception {
        Path db = dir.resolve("history.db");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                CrashingRun.class.getName(), db.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isEqualTo(3);
        long id = Long.parseLong(output.strip().lines().reduce((x, y) -> y).orElseThrow());

        try (RunHistory h = RunHistory.open(db, CLOCK)) {
            assertThat(h.recoveredOnOpen()).isOne();
            RunRecord r = h.get(id).orElseThrow();
            assertThat(r.status()).isEqualTo(RunStatus.PARTIAL);
            assertThat(r.figures()).containsEntry("requests_per_s", 12.5); // the checkpoint survived the crash
            assertThat(r.profileJson()).isEqualTo("{\"batch\":512}");
            assertThat(r.note()).contains("never finished");
        }
        try (RunHistory again = RunHistory.open(db, CLOCK)) {
            assertThat(again.recoveredOnOpen()).isZero();
        }
    }

    @Test
    void aRunOfALiveProcessIsLeftRunning() throws Exception {
        Path db = dir.resolve("history.db");
        try (RunHistory first = RunHistory.open(db, CLOCK)) {
            long id = first.start(new NewRun("bench", null, null, null, null));
            try (RunHistory second = RunHistory.open(db, CLOCK)) {
                assertThat(second.recoveredOnOpen()).isZero();
                assertThat(second.get(id).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
            }
            first.markPartial(id, "stopped by the user");
            assertThat(first.get(id).orElseThrow().status()).isEqualTo(RunStatus.PARTIAL);
        }
    }

    @Test
    void twoRunsCompareSideBySide() throws Exception {
        try (RunHistory h = RunHistory.open(dir.resolve("history.db"), CLOCK)) {
            long a = h.start(new NewRun("bench", "a", "{\"engine\":{\"batch\":512,\"parallel\":1},\"quant\":\"Q8_0\"}", "v", "h"));
            h.complete(a, figures(10, 400), null);
            long b = h.start(new NewRun("bench", "b", "{\"engine\":{\"batch\":128,\"parallel\":1},\"quant\":\"Q8_0\",\"ctx\":4096}", "v", "h"));
            Map<String, Double> fb = figures(15, 300);
            fb.put("goodput_per_s", 14.0);
            h.complete(b, fb, null);

            RunComparison c = h.compare(a, b);
            assertThat(c.figures()).extracting(RunComparison.Row::name)
                    .containsExactly("requests_per_s", "e2e_p95_ms", "itl_p50_ms", "goodput_per_s");
            RunComparison.Row qps = c.figures().getFirst();
            assertThat(qps.delta()).isEqualTo(5.0);
            assertThat(qps.ratio()).isCloseTo(1.5, within(1e-12));
            assertThat(c.figures().getLast().a()).isNaN();
            assertThat(c.settings()).containsExactly(new RunComparison.SettingDiff("engine.batch", "512", "128"),
                    new RunComparison.SettingDiff("ctx", null, "4096"));
            assertThatThrownBy(() -> h.compare(a, 42)).hasMessage("no run 42");
        }
    }

    @Test
    void exportsCsvAndJsonAtomically() throws Exception {
        try (RunHistory h = RunHistory.open(dir.resolve("history.db"), CLOCK)) {
            long a = h.start(new NewRun("bench", "label, with \"quotes\"", "{\"batch\":512}", "v", "h"));
            h.complete(a, figures(10.25, 400), "{\"x\":1}");
            long b = h.start(new NewRun("sweep", null, "not json", "v", "h"));
            h.markPartial(b, "stopped");
            List<RunRecord> runs = List.of(h.get(a).orElseThrow(), h.get(b).orElseThrow());

            Path csv = dir.resolve("out/runs.csv");
            HistoryExport.csv(runs, csv);
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines.getFirst()).isEqualTo("id,kind,label,status,started_at,finished_at,engine_version,hardware,note,"
                    + "profile_json,requests_per_s,e2e_p95_ms,itl_p50_ms");
            assertThat(lines.get(1)).startsWith(a + ",bench,\"label, with \"\"quotes\"\"\",complete,")
                    .endsWith(",\"{\"\"batch\"\":512}\",10.25,400,");
            assertThat(lines.get(2)).contains(",partial,").endsWith(",stopped,not json,,,");

            Path json = dir.resolve("out/runs.json");
            HistoryExport.json(runs, json);
            JsonNode arr = new ObjectMapper().readTree(json.toFile());
            assertThat(arr).hasSize(2);
            assertThat(arr.get(0).path("profile").path("batch").asInt()).isEqualTo(512);
            assertThat(arr.get(0).path("figures").path("itl_p50_ms").isNull()).isTrue();
            assertThat(arr.get(0).path("result").path("x").asInt()).isOne();
            assertThat(arr.get(1).path("profile").asText()).isEqualTo("not json");
            try (var files = Files.list(csv.getParent())) {
                assertThat(files).hasSize(2); // no temp files left behind
            }
        }
    }
}
