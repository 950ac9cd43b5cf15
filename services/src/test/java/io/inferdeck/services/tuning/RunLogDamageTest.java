package io.inferdeck.services.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.common.sqlite.DamagedStoreException;
import io.inferdeck.tuning.history.NewRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogDamageTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void recordingIntoADamagedFileTellsOnceAndRecordsInAFreshOne() throws Exception {
        Path db = dir.resolve("history.db");
        Files.writeString(db, "not a database, just text long enough to fill a header ".repeat(20));
        List<HistoryProblem> problems = new ArrayList<>();
        try (RunLog log = new RunLog(db, CLOCK)) {
            long id = log.forRecording(problems::add).orElseThrow().start(new NewRun("bench", "fresh", "{}", null, "host"));
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(HistoryProblem.Kind.MOVED_ASIDE);
                assertThat(p.detail()).contains(db.toString(), "history.db.corrupt-20250601T120000Z", "started a fresh one");
            });
            assertThat(log.forRecording(problems::add)).isPresent();
            assertThat(problems).as("told once").hasSize(1);
            assertThat(log.get(id)).get().extracting(r -> r.label()).isEqualTo("fresh");
        }
        assertThat(dir.resolve("history.db.corrupt-20250601T120000Z")).content().startsWith("not a database");
    }

    @Test
    void theFirstReadOfAMovedAsideFileSaysSoThenReadsTheFreshOne() throws Exception {
        Path db = dir.resolve("history.db");
        Files.write(db, new byte[]{'S', 'Q', 'L', 'i', 't', 'e', 1, 2, 3});
        try (RunLog log = new RunLog(db, CLOCK)) {
            assertThatThrownBy(() -> log.list(10)).isInstanceOf(DamagedStoreException.class)
                    .hasMessageContaining("history database " + db + " is damaged");
            assertThat(log.list(10)).isEmpty();
        }
    }
}
