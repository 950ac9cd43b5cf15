package io.inferdeck.safety.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.classifier.TrainingData;
import io.inferdeck.safety.pipeline.PipelineResult;
import io.inferdeck.safety.pipeline.Side;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewQueueTest {
    private final Clock clock = Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneOffset.UTC);

    static PipelineResult review(String safeText, String category, double score) {
        Verdict v = Verdict.byScore(Decision.REVIEW, Stage.CLASSIFIER, score, category);
        return new PipelineResult(Side.INPUT, Decision.REVIEW, v, List.of(v), safeText, Map.of(), false);
    }

    @Test
    void itemsSurviveReopeningAndDecisionsAreKept(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("q/review.db");
        try (ReviewQueue q = new ReviewQueue(db, clock)) {
            q.submit(review("how to hurt 138****8000", "violence", 0.61));
            q.submit(review("make a strong drink", "drugs", 0.55));
            q.submit(review("fix a sticky lock", "cybercrime", 0.5));
        }
        try (ReviewQueue q = new ReviewQueue(db, clock)) {
            List<ReviewItem> pending = q.pending(10);
            assertThat(pending).extracting(ReviewItem::category).containsExactly("violence", "drugs", "cybercrime");
            assertThat(pending.getFirst().score()).hasValue(0.61);
            q.block(pending.get(0).id());
            q.approve(pending.get(1).id());
            q.relabel(pending.get(2).id(), "benign");
            assertThat(q.pendingCount()).isZero();
            assertThat(q.all()).extracting(ReviewItem::status).containsExactly(ReviewItem.Status.BLOCKED,
                    ReviewItem.Status.APPROVED, ReviewItem.Status.RELABELED);
            assertThat(q.all().getFirst().reviewedAt()).isEqualTo(clock.instant());
            assertThatThrownBy(() -> q.block(999)).hasMessageContaining("no review item 999");

            Path out = dir.resolve("relabels.jsonl");
            assertThat(q.exportTrainingJsonl(out)).isEqualTo(3);
            TrainingData back = TrainingData.read(out);
            assertThat(back.examples()).extracting(e -> e.label()).containsExactly("violence", "benign", "benign");
            assertThat(back.examples().getFirst().text()).isEqualTo("how to hurt 138****8000");
        }
    }
}
