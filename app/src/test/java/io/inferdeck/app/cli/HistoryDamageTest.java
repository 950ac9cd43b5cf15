package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.tuning.history.NewRun;
import io.inferdeck.tuning.history.RunHistory;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 21 failure 6: a damaged history.db is one line (exit 1), kept aside, and replaced by a fresh database. */
class HistoryDamageTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cmd = InferDeckCli.configure(new CommandLine(new HistoryCommand()));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    /** A valid history of {@code n} runs, checkpointed into the main file (no -wal left), big enough for several pages. */
    private Path history(int n) throws Exception {
        Path db = dir.resolve("history.db");
        try (RunHistory h = RunHistory.open(db, Clock.systemUTC())) {
            for (int i = 0; i < n; i++) {
                long id = h.start(new NewRun("bench", "run " + i + " " + "x".repeat(200), "{\"batch\":" + i + "}", null, "host"));
                h.complete(id, Map.of("requests_per_s", (double) i), "{\"pad\":\"" + "y".repeat(300) + "\"}");
            }
        }
        assertThat(Files.exists(dir.resolve("history.db-wal"))).as("closing checkpointed the WAL").isFalse();
        return db;
    }

    enum Damage {
        RANDOM_BYTES {
            @Override void apply(Path db) throws Exception {
                byte[] junk = new byte[16384];
                new Random(21).nextBytes(junk);
                Files.write(db, junk);
            }
        },
        TRUNCATED {
            @Override void apply(Path db) throws Exception {
                try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
                    f.setLength(f.length() / 2);
                }
            }
        },
        PAGE_OVERWRITTEN {   // page 2 is the root (interior) page of the runs table once it spans pages
            @Override void apply(Path db) throws Exception {
                try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
                    byte[] junk = new byte[4096];
                    new Random(6).nextBytes(junk);
                    f.seek(4096);
                    f.write(junk);
                }
            }
        };

        abstract void apply(Path db) throws Exception;
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedFileIsOneLineKeptAsideAndReplacedByAFreshOne(Damage damage) throws Exception {
        Path db = history(60);
        damage.apply(db);
        byte[] damaged = Files.readAllBytes(db);

        assertThat(run("list", "--db", db.toString())).as("a store failure, not bad input").isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("inferdeck history list: history database " + db + " is damaged (")
                .contains("moved it to history.db.corrupt-", "started a fresh one", " — ", ".recover");
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
        List<Path> kept = aside();
        assertThat(kept).singleElement().satisfies(k -> assertThat(Files.readAllBytes(k)).isEqualTo(damaged));

        assertThat(run("list", "--db", db.toString())).as("the fresh database works").isZero();
        assertThat(err.toString()).isEmpty();
        try (RunHistory h = RunHistory.open(db, Clock.systemUTC())) {
            long id = h.start(new NewRun("bench", "after the damage", "{}", null, "host"));
            h.complete(id, Map.of("requests_per_s", 1.0), "{}");
        }
        assertThat(run("show", "1", "--db", db.toString())).isZero();
        assertThat(out.toString()).contains("after the damage");
        assertThat(aside()).as("the kept file stays").isEqualTo(kept);
    }

    @Test
    void anUnreadableRowIsNamedBySkippedInListsAndNotCalledMissing() throws Exception {
        Path db = history(3);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA ignore_check_constraints=ON");
            s.execute("UPDATE runs SET status = 'bogus' WHERE id = 1");
        }
        assertThat(run("show", "1", "--db", db.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString()
                .isEqualTo("inferdeck history show: run 1 in " + db + " is unreadable: status 'bogus' is not one of "
                        + "[running, complete, partial] — `inferdeck history list` shows the readable runs");

        assertThat(run("list", "--db", db.toString())).as("the other rows still list").isZero();
        assertThat(out.toString()).contains("run 2 x", "run 1 x").doesNotContain("run 0 x");
        assertThat(err.toString().lines()).singleElement().asString().startsWith("inferdeck history list: skipped run 1 in ");
        assertThat(aside()).as("an intact file with one bad row is not moved").isEmpty();
    }

    private List<Path> aside() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("history.db.corrupt-")).sorted().toList();
        }
    }
}
