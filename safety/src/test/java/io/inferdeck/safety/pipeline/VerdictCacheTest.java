package io.inferdeck.safety.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.SafetyFilters;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.blocklist.Blocklist;
import io.inferdeck.safety.blocklist.TermListLoader;
import io.inferdeck.safety.classifier.ClassifierStage;
import io.inferdeck.safety.pii.MaskPolicy;
import io.inferdeck.safety.suite.StarterSuite;
import io.inferdeck.safety.suite.SuiteCase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictCacheTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);
    final AtomicInteger judged = new AtomicInteger();
    final Function<String, Verdict> judge = t -> {
        judged.incrementAndGet();
        return Verdict.byScore(t.contains("bad") ? Decision.BLOCK : Decision.ALLOW, Stage.CLASSIFIER, t.length() / 100.0, "c");
    };

    @Test
    void aTextIsJudgedOncePerStageAndVersionAndLookUpsAreCounted() {
        VerdictCache cache = new VerdictCache(VerdictCache.LIVE_BYTES);
        Verdict first = cache.get(Stage.CLASSIFIER, "v1", "a bad text", judge);
        assertThat(cache.get(Stage.CLASSIFIER, "v1", "a bad text", judge)).isSameAs(first);
        assertThat(judged).hasValue(1);
        cache.get(Stage.CLASSIFIER, "v2", "a bad text", judge);          // new thresholds: judged again
        cache.get(new Stage("guard"), "v1", "a bad text", judge);       // another stage
        cache.get(Stage.CLASSIFIER, "v1", "a bad text ", judge);        // another text, if only by a space
        assertThat(judged).hasValue(4);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(4);
        assertThat(cache.size()).isEqualTo(4);
    }

    @Test
    void aFailedJudgementIsPassedOnAndNotCached() {
        VerdictCache cache = new VerdictCache(VerdictCache.LIVE_BYTES);
        assertThatThrownBy(() -> cache.get(Stage.CLASSIFIER, "v", "x", t -> {
            throw new IllegalStateException("model gone");
        })).hasMessage("model gone");
        cache.get(Stage.CLASSIFIER, "v", "x", judge);
        assertThat(judged).hasValue(1);
        assertThat(cache.hits()).isZero();
    }

    @Test
    void theCacheStaysWithinItsBytes() {
        long bytes = 50L * VerdictCache.ENTRY_OVERHEAD;
        VerdictCache cache = new VerdictCache(bytes);
        IntStream.range(0, 2_000).forEach(i -> cache.get(Stage.CLASSIFIER, "v", "text " + i, judge));
        assertThat(cache.size()).isPositive().isLessThanOrEqualTo(50);
    }

    /**
     * The meaning of the filter is unchanged: over the dev split (every second prompt, English, Chinese and mixed,
     * the bundled head with both models) a pipeline whose classifier answers from the cache decides exactly as one
     * that judges every text — first while the cache fills, then with every classifier look-up a hit.
     */
    @Test
    void cachedAndUncachedClassifiersDecideTheDevSplitIdentically(@TempDir Path dir) throws Exception {
        ClassifierStage classifier = SafetyFilters.classifier(new SafetyPaths(dir, dir), null, FilterConfig.defaults().reviewMargin());
        assertThat(classifier.available()).as(classifier.unavailableReason()).isTrue();
        try (classifier) {
            VerdictCache cache = new VerdictCache(VerdictCache.LIVE_BYTES);
            Blocklist blocklist = Blocklist.build(TermListLoader.starterLists());
            FilterPipeline plain = SafetyFilters.pipeline(FilterConfig.defaults(), blocklist, classifier, MaskPolicy.defaults(),
                    CLOCK, ReviewSink.NONE);
            FilterPipeline cached = SafetyFilters.pipeline(FilterConfig.defaults(), blocklist, classifier.cached(cache),
                    MaskPolicy.defaults(), CLOCK, ReviewSink.NONE);
            List<SuiteCase> cases = StarterSuite.devSplit().cases();
            List<String> prompts = IntStream.range(0, cases.size()).filter(i -> i % 2 == 0).mapToObj(i -> cases.get(i).prompt()).toList();
            List<PipelineResult> expected = prompts.stream().map(p -> plain.filter(p, Side.INPUT)).toList();
            for (int pass = 1; pass <= 2; pass++) {
                long hitsBefore = cache.hits();
                long missesBefore = cache.misses();
                for (int i = 0; i < prompts.size(); i++) {
                    PipelineResult r = cached.filter(prompts.get(i), Side.INPUT);
                    PipelineResult e = expected.get(i);
                    assertThat(r.verdicts()).as("pass %d, prompt %d", pass, i).isEqualTo(e.verdicts());
                    assertThat(r.decision()).isEqualTo(e.decision());
                    assertThat(r.decisive()).isEqualTo(e.decisive());
                    assertThat(r.safeText()).isEqualTo(e.safeText());
                }
                long classified = expected.stream().filter(e -> e.verdicts().stream().anyMatch(v -> v.stage().equals(Stage.CLASSIFIER))).count();
                assertThat(cache.hits() - hitsBefore + cache.misses() - missesBefore).isEqualTo(classified);
                if (pass == 2) {
                    assertThat(cache.misses()).as("the second pass judged nothing again").isEqualTo(missesBefore);
                }
            }
            assertThat(expected).extracting(PipelineResult::decision).contains(Decision.ALLOW, Decision.BLOCK);
        }
    }
}
