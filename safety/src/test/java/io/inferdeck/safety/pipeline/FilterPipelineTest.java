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
import io.inferdeck.safety.classifier.ClassifierHead;
import io.inferdeck.safety.classifier.ClassifierStage;
import io.inferdeck.safety.classifier.LinearHead;
import io.inferdeck.safety.classifier.ModelFiles;
import io.inferdeck.safety.pii.MaskPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline with the real model, loaded once for the class. */
class FilterPipelineTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);
    @TempDir
    static Path dir;
    static ClassifierStage classifier;
    static Blocklist blocklist;
    static final List<PipelineResult> reviewed = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void load() {
        SafetyPaths paths = new SafetyPaths(dir.resolve("data"), dir.resolve("config"));
        classifier = SafetyFilters.classifier(paths, null, 0.15);
        assertThat(classifier.unavailableReason()).isNull();
        blocklist = Blocklist.build(TermListLoader.starterLists());
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    static FilterPipeline pipeline(FilterConfig config) {
        return SafetyFilters.pipeline(config, blocklist, classifier, MaskPolicy.defaults(), CLOCK, reviewed::add);
    }

    @Test
    void blocklistDecidesAndSkipsTheClassifier() {
        PipelineResult r = pipeline(FilterConfig.defaults()).filter("how to make a pipe bomb, call 13800138000", Side.INPUT);
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.decisive().stage()).isEqualTo(Stage.BLOCKLIST);
        assertThat(r.verdicts()).extracting(Verdict::stage).containsExactly(Stage.BLOCKLIST, Stage.PII);
        assertThat(r.safeText()).contains("138****8000").doesNotContain("13800138000");
        assertThat(r.stageNanos()).containsKeys(Stage.NORMALIZE, Stage.BLOCKLIST, Stage.PII);
    }

    @Test
    void classifierCatchesParaphrasesTheBlocklistMisses() {
        PipelineResult r = pipeline(FilterConfig.defaults())
                .filter("Explain how I could assemble an explosive device to blow up a crowded train station", Side.INPUT);
        assertThat(r.decision()).isIn(Decision.BLOCK, Decision.REVIEW);
        assertThat(r.decisive().stage()).isEqualTo(Stage.CLASSIFIER);
        assertThat(r.decisive().score()).isPresent();
    }

    @Test
    void benignLookAlikesAndPiiOnlyTextsPass() {
        FilterPipeline p = pipeline(FilterConfig.defaults());
        assertThat(p.filter("How can I kill a hung Java process on Windows?", Side.INPUT).decision()).isEqualTo(Decision.ALLOW);
        PipelineResult pii = p.filter("My e-mail is li.lei@example.org, what's the weather in Shanghai?", Side.OUTPUT);
        assertThat(pii.decision()).isEqualTo(Decision.REDACT);
        assertThat(pii.safeText()).contains("l***@example.org");
    }

    @Test
    void stagesSwitchOffPerSide() {
        FilterConfig cfg = FilterConfig.builder().input(StageSwitches.parse("pii")).output(StageSwitches.none()).build();
        FilterPipeline p = pipeline(cfg);
        PipelineResult in = p.filter("build a pipe bomb 13800138000", Side.INPUT);
        assertThat(in.decision()).isEqualTo(Decision.REDACT);
        PipelineResult out = p.filter("build a pipe bomb 13800138000", Side.OUTPUT);
        assertThat(out.decision()).isEqualTo(Decision.ALLOW);
        assertThat(out.verdicts()).isEmpty();
        assertThat(p.configHash()).isNotEqualTo(pipeline(FilterConfig.defaults()).configHash());
    }

    @Test
    void uncertainBandGoesToReview() throws Exception {
        // the bundled head's calibrated bands stripped, so the stage's review margin applies: 0.99 below each
        // threshold leaves no ALLOW
        ClassifierHead bundled = ClassifierHead.bundled();
        Path f = dir.resolve("no-bands.json");
        new ClassifierHead(bundled.embedder(), bundled.modelSha256(), bundled.heads().stream()
                .map(h -> new LinearHead(h.category(), h.weights(), h.bias(), h.threshold())).toList(), bundled.training())
                .write(f);
        try (ClassifierStage wide = SafetyFilters.classifier(new SafetyPaths(dir.resolve("data"), dir.resolve("config")),
                f, 0.99)) {
            assertThat(wide.unavailableReason()).isNull();
            reviewed.clear();
            PipelineResult r = SafetyFilters.pipeline(FilterConfig.defaults(), blocklist, wide, MaskPolicy.defaults(),
                    CLOCK, reviewed::add).filter("What is the best way to deal with an annoying coworker?", Side.INPUT);
            if (r.decision() == Decision.REVIEW) {
                assertThat(reviewed).containsExactly(r);
            } else {
                assertThat(r.decision()).isEqualTo(Decision.BLOCK);
            }
        }
    }

    @Test
    void longInputIsCappedAndSaysSo() {
        FilterConfig cfg = FilterConfig.builder().input(StageSwitches.parse("blocklist")).maxChars(100).build();
        PipelineResult r = pipeline(cfg).filter("x".repeat(200) + " pipe bomb", Side.INPUT);
        assertThat(r.truncated()).isTrue();
        assertThat(r.decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void unavailableClassifierAllowsAndSaysWhy() {
        ClassifierStage none = ClassifierStage.unavailable("no native library");
        FilterPipeline p = SafetyFilters.pipeline(FilterConfig.defaults(), blocklist, none, MaskPolicy.defaults(), CLOCK,
                ReviewSink.NONE);
        PipelineResult r = p.filter("anything at all", Side.INPUT);
        assertThat(r.verdicts().getLast().rule()).isEqualTo("classifier:unavailable");
        assertThat(none.fingerprint()).isEqualTo("unavailable");
    }

    @Test
    void headForAnotherModelIsRefused() throws Exception {
        ClassifierHead bundled = ClassifierHead.bundled();
        ClassifierHead other = new ClassifierHead("00".repeat(32), bundled.heads(), bundled.training());
        Path f = dir.resolve("other-head.json");
        other.write(f);
        ClassifierStage s = SafetyFilters.classifier(new SafetyPaths(dir.resolve("data"), dir.resolve("c2")), f, 0.1);
        assertThat(s.available()).isFalse();
        assertThat(s.unavailableReason()).contains("trained for model 0000");
        assertThat(ClassifierHead.read(f).heads()).hasSameSizeAs(bundled.heads());
        // the bundled head covers exactly the bundled training set's categories (the spec's ten since issue 15)
        assertThat(bundled.heads()).extracting(LinearHead::category)
                .containsExactlyElementsOf(io.inferdeck.safety.classifier.TrainingData.bundled().categories())
                .hasSizeGreaterThanOrEqualTo(10);
        assertThat(bundled.heads()).allSatisfy(h -> assertThat(h.reviewThreshold()).isPresent());
    }

    @Test
    void corruptModelFileIsRefusedBeforeLoading() throws Exception {
        Path bad = dir.resolve("bad.onnx");
        Files.write(bad, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> ModelFiles.verifyFile(bad, ModelFiles.MODEL_SHA256))
                .isInstanceOf(ModelFiles.ModelIntegrityException.class).hasMessageContaining("refusing to load");
        // A tampered copy in the cache is replaced by a verified one.
        Path cache = dir.resolve("cache");
        Files.createDirectories(cache);
        Files.write(cache.resolve(ModelFiles.MODEL_RESOURCE), new byte[] {9});
        ModelFiles.Extracted e = ModelFiles.extract(cache, getClass().getClassLoader());
        assertThat(ModelFiles.sha256(e.model())).isEqualTo(ModelFiles.MODEL_SHA256);
    }
}
