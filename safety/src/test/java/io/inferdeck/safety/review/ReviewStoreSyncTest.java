package io.inferdeck.safety.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.common.sqlite.SqliteFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stores' connection settings: WAL with synchronous=NORMAL (no fsync per commit on the live filter's path). */
class ReviewStoreSyncTest {
    @Test
    void storesOpenInWalWithNormalSync(@TempDir Path dir) throws Exception {
        SqliteFile.Opened opened = SqliteFile.open(dir.resolve("review.db"), ReviewQueue.STORE, Clock.systemUTC(), ReviewSchema::apply);
        try (Connection db = opened.connection(); Statement s = db.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualTo("wal");
            }
            try (ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
                assertThat(rs.getInt(1)).as("0 off, 1 normal, 2 full").isEqualTo(1);
            }
        }
    }
}
