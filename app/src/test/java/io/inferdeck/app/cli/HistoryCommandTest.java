package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.tuning.history.NewRun;
import io.inferdeck.tuning.history.RunHistory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HistoryCommandTest {
    @TempDir
    Path dir;

    private Path db;
    private long a;
    private long b;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void twoRuns() throws Exception {
        db = dir.resolve("history.db");
        try (RunHistory h = RunHistory.open(db, Clock.systemUTC())) {
            a = h.start(new NewRun("bench", "closed loop 2", "{\"batch\":512}", null, "2 cores"));
            h.complete(a, Map.of("requests_per_s", 2.0, "e2e_p95_ms", 400.0), "{\"schema\":\"inferdeck.bench/1\"}");
            b = h.start(new NewRun("bench", "closed loop 2", "{\"batch\":1024}", null, "2 cores"));
            h.complete(b, Map.of("requests_per_s", 3.0, "e2e_p95_ms", 300.0), "{\"schema\":\"inferdeck.bench/1\"}");
        }
    }

    private int run(String... args) {
        CommandLine cmd = InferDeckCli.configure(new CommandLine(new HistoryCommand()));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void listsShowsAndComparesRuns() {
        assertThat(run("list", "--db", db.toString())).isZero();
        assertThat(out.toString()).contains("bench", "complete", "closed loop 2");
        assertThat(run("compare", String.valueOf(a), String.valueOf(b), "--db", db.toString())).isZero();
        assertThat(out.toString()).containsPattern("requests_per_s\\s+2\\.000\\s+3\\.000\\s+\\+1\\.000\\s+1\\.50x")
                .contains("setting batch: 512 -> 1024");
        assertThat(run("show", "99", "--db", db.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no run 99");
    }

    @Test
    void exportsCsvAndJsonWithResults() throws Exception {
        Path csv = dir.resolve("runs.csv");
        Path json = dir.resolve("runs.json");
        assertThat(run("export", "--csv", csv.toString(), "--json", json.toString(), "--db", db.toString())).isZero();
        assertThat(Files.readString(csv).lines()).hasSize(3);
        assertThat(Files.readString(json)).contains("inferdeck.bench/1");
        assertThat(run("export", "--db", db.toString())).isEqualTo(2);
    }
}
