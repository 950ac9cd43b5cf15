package io.inferdeck.safety.review;

import static io.inferdeck.safety.review.ReviewQueueTest.review;
import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.pipeline.PipelineResult;
import io.inferdeck.safety.pipeline.Side;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17 point 5: one item per (prompt hash, stage decision); decisions stick until the filter config changes. */
class ReviewQueueDedupeTest {
    private final Clock clock = Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static PipelineResult blocked(String safeText) {
        Verdict v = Verdict.byRule(Decision.BLOCK, Stage.BLOCKLIST, "blocklist:weapons.txt", "weapons", List.of());
        return new PipelineResult(Side.INPUT, Decision.BLOCK, v, List.of(v), safeText, Map.of(), false);
    }

    @Test
    void aReRunUpdatesItsItemsInsteadOfQueueingCopies() throws Exception {
        try (ReviewQueue q = new ReviewQueue(dir.resolve("review.db"), clock)) {
            for (int run = 0; run < 2; run++) {   // the same suite twice
                q.submit(review("how to hurt 138****8000", "violence", 0.61 + run / 100.0), "cfg1");
                q.submit(review("make a strong drink", "drugs", 0.55), "cfg1");
            }
            q.submit(blocked("make a strong drink"), "cfg1");   // same text, another stage decision: its own item
            List<ReviewItem> all = q.all();
            assertThat(all).extracting(ReviewItem::text)
                    .containsExactly("how to hurt 138****8000", "make a strong drink", "make a strong drink");
            assertThat(all).extracting(ReviewItem::seen).containsExactly(2, 2, 1);
            assertThat(all).extracting(ReviewItem::decision).containsExactly("review", "review", "block");
            assertThat(all).extracting(ReviewItem::stage).containsExactly("classifier", "classifier", "blocklist");
            assertThat(all.getFirst().score()).as("a pending item takes the latest score").hasValue(0.62);
            assertThat(q.pendingCount()).isEqualTo(3);
        }
    }

    @Test
    void aDecisionSticksForTheSameConfigAndIsAskedAgainAfterItChanges() throws Exception {
        try (ReviewQueue q = new ReviewQueue(dir.resolve("review.db"), clock)) {
            q.submit(review("borderline text", "violence", 0.6), "cfg1");
            q.submit(review("other text", "drugs", 0.6), "cfg1");
            long id = q.pending(10).getFirst().id();
            assertThat(q.decided(review("borderline text", "violence", 0.6), "cfg1")).as("pending").isEmpty();
            q.approve(id);
            q.block(q.pending(10).getFirst().id());

            q.submit(review("borderline text", "violence", 0.6), "cfg1");   // the approved item does not come back
            q.submit(review("other text", "drugs", 0.6), "cfg1");
            assertThat(q.pendingCount()).isZero();
            assertThat(q.all()).extracting(ReviewItem::status).containsExactly(ReviewItem.Status.APPROVED, ReviewItem.Status.BLOCKED);
            assertThat(q.decided(review("borderline text", "violence", 0.6), "cfg1")).get()
                    .satisfies(i -> assertThat(i.acceptable()).isTrue());
            assertThat(q.decided(review("other text", "drugs", 0.6), "cfg1")).get()
                    .satisfies(i -> assertThat(i.acceptable()).isFalse());
            assertThat(q.decided(review("borderline text", "violence", 0.6), "cfg2")).as("made under other filters").isEmpty();

            q.submit(review("borderline text", "violence", 0.6), "cfg2");   // the filters changed: ask again
            ReviewItem again = q.all().getFirst();
            assertThat(again.id()).isEqualTo(id);
            assertThat(again.status()).isEqualTo(ReviewItem.Status.PENDING);
            assertThat(again.reviewedAt()).isNull();
            assertThat(again.seen()).isEqualTo(3);
            assertThat(q.pendingCount()).isEqualTo(1);
        }
    }

    @Test
    void aQueueFromBeforeTheKeyGetsTheNewColumnsAndKeepsItsItems() throws Exception {
        Path db = dir.resolve("old.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE review_item (
                      id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, side TEXT NOT NULL,
                      text TEXT NOT NULL, category TEXT, score REAL, status TEXT NOT NULL DEFAULT 'PENDING',
                      label TEXT, reviewed_at TEXT)""");
            s.execute("INSERT INTO review_item(created_at, side, text, category, score) VALUES"
                    + " ('2025-05-01T00:00:00Z', 'input', 'old text', 'violence', 0.6)");
        }
        try (ReviewQueue q = new ReviewQueue(db, clock)) {
            q.submit(review("old text", "violence", 0.6), "cfg1");
            assertThat(q.all()).extracting(ReviewItem::text).containsExactly("old text", "old text");
            assertThat(q.all().getFirst().stage()).isEmpty();
            assertThat(q.all().getFirst().seen()).isEqualTo(1);
            q.submit(review("old text", "violence", 0.6), "cfg1");
            assertThat(q.all()).hasSize(2);
        }
    }
}
