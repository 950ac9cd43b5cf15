package io.inferdeck.safety.review;

import static io.inferdeck.safety.review.ReviewQueueTest.review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.common.sqlite.DamagedStoreException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewQueueDamageTest {
    private final Clock clock = Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aDamagedQueueIsKeptAsideSaidOnceAndAFreshOneTakesItems() throws Exception {
        Path db = dir.resolve("review.db");
        byte[] junk = new byte[8192];
        new Random(21).nextBytes(junk);
        Files.write(db, junk);
        try (ReviewQueue q = new ReviewQueue(db, clock)) {
            assertThat(q.movedAside()).get().satisfies(m -> assertThat(m.keptAt()).hasFileName("review.db.corrupt-20250601T100000Z"));
            assertThatThrownBy(() -> q.pending(10)).isInstanceOf(UncheckedIOException.class).cause()
                    .isInstanceOf(DamagedStoreException.class)
                    .hasMessageStartingWith("review queue database " + db + " is damaged (");
            q.submit(review("after the damage", "violence", 0.6));
            assertThat(q.pending(10)).extracting(ReviewItem::text).containsExactly("after the damage");
        }
        assertThat(Files.readAllBytes(dir.resolve("review.db.corrupt-20250601T100000Z"))).isEqualTo(junk);
    }

    @Test
    void aRowWithAnUnknownStatusIsSkippedNotFatal() throws Exception {
        Path db = dir.resolve("review.db");
        try (ReviewQueue q = new ReviewQueue(db, clock)) {
            q.submit(review("one", "violence", 0.6));
            q.submit(review("two", "drugs", 0.6));
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("UPDATE review_item SET status = 'WEIRD' WHERE text = 'one'");
        }
        try (ReviewQueue q = new ReviewQueue(db, clock)) {
            assertThat(q.movedAside()).isEmpty();
            assertThat(q.all()).extracting(ReviewItem::text).containsExactly("two");
        }
    }
}
