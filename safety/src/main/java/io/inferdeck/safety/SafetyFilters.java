package io.inferdeck.safety;

import io.inferdeck.safety.blocklist.Blocklist;
import io.inferdeck.safety.blocklist.BlocklistStage;
import io.inferdeck.safety.blocklist.TermList;
import io.inferdeck.safety.blocklist.TermListLoader;
import io.inferdeck.safety.classifier.ClassifierHead;
import io.inferdeck.safety.classifier.ClassifierStage;
import io.inferdeck.safety.classifier.Embedder;
import io.inferdeck.safety.normalize.NormalizeStage;
import io.inferdeck.safety.pii.PiiDetector;
import io.inferdeck.safety.pii.PiiKind;
import io.inferdeck.safety.pii.MaskPolicy;
import io.inferdeck.safety.pii.PiiStage;
import io.inferdeck.safety.pipeline.FilterConfig;
import io.inferdeck.safety.pipeline.FilterPipeline;
import io.inferdeck.safety.pipeline.FilterStage;
import io.inferdeck.safety.pipeline.ReviewSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Assembles a {@link FilterPipeline} from files: term lists (a directory or the starter lists), the
 * classifier (user-trained head if present, else the bundled one, with the embedding model(s) the head names)
 * and PII masks. Loading the model can
 * take a second: call this off the FX thread. If the classifier cannot load (native library missing,
 * model hash mismatch), the pipeline still works and its classifier stage reports "unavailable".
 */
public final class SafetyFilters {
    private SafetyFilters() {
    }

    public static Blocklist blocklist(Path termLists) throws IOException {
        List<TermList> lists = termLists == null ? TermListLoader.starterLists() : TermListLoader.load(termLists);
        return Blocklist.build(lists);
    }

    /**
     * The head file the classifier reads: {@code headFile} when given, else the user head (written by {@code safety
     * train} or the Safety page's threshold picker) when present; empty = the bundled head.
     */
    public static Optional<Path> headSource(SafetyPaths paths, Path headFile) {
        return headFile != null ? Optional.of(headFile)
                : Files.isRegularFile(paths.userHead()) ? Optional.of(paths.userHead()) : Optional.empty();
    }

    /** The head from {@link #headSource}, or the bundled one. */
    public static ClassifierHead loadHead(SafetyPaths paths, Path headFile) throws IOException {
        Optional<Path> h = headSource(paths, headFile);
        return h.isPresent() ? ClassifierHead.read(h.get()) : ClassifierHead.bundled();
    }

    /** Loads the classifier or returns an unavailable stage that says why. */
    public static ClassifierStage classifier(SafetyPaths paths, Path headFile, double reviewMargin) {
        try {
            ClassifierHead head = loadHead(paths, headFile);
            Embedder embedder = head.embedder().open(paths.modelCache());
            try {
                return ClassifierStage.of(embedder, head, reviewMargin);
            } catch (RuntimeException e) {
                embedder.close();
                throw e;
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            return ClassifierStage.unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The built-in stages. THE registration point for a new built-in stage: one line here (the pipeline
     * sorts by {@link FilterStage#order()}, the list is kept in that order for the reader). Stages from
     * outside go in the {@code extra} list of {@link #pipeline(FilterConfig, Blocklist, ClassifierStage,
     * MaskPolicy, Clock, ReviewSink, List)} instead.
     */
    public static List<FilterStage> builtInStages(Blocklist blocklist, ClassifierStage classifier, MaskPolicy masks,
                                                  Clock clock) {
        return List.of(
                new NormalizeStage(),
                new BlocklistStage(blocklist),
                new PiiStage(piiDetector(masks, clock)),
                classifier);
    }

    /**
     * The ids of the built-in stages, read off {@link #builtInStages} itself (built over an empty blocklist and an
     * unavailable classifier: cheap, nothing loaded), so a new built-in stage needs no second list. For checking
     * the ids a profile or option names before any filter is built.
     */
    public static List<Stage> builtInStageIds() {
        return builtInStages(Blocklist.build(List.of()), ClassifierStage.unavailable("ids only"), MaskPolicy.defaults(),
                Clock.systemUTC()).stream().map(FilterStage::id).toList();
    }

    /** The PII stage's detector: every kind, masked by {@code masks} (also what masks texts the gateway stores). */
    public static PiiDetector piiDetector(MaskPolicy masks, Clock clock) {
        return new PiiDetector(EnumSet.allOf(PiiKind.class), masks, clock);
    }

    public static FilterPipeline pipeline(FilterConfig config, Blocklist blocklist, ClassifierStage classifier,
                                          MaskPolicy masks, Clock clock, ReviewSink review) {
        return pipeline(config, blocklist, classifier, masks, clock, review, List.of());
    }

    /**
     * The built-in stages plus {@code extra} ones (each placed by its own order).
     *
     * @throws IllegalArgumentException when ids clash or the config switches a stage none of them has
     */
    public static FilterPipeline pipeline(FilterConfig config, Blocklist blocklist, ClassifierStage classifier,
                                          MaskPolicy masks, Clock clock, ReviewSink review, List<FilterStage> extra) {
        List<FilterStage> stages = new ArrayList<>(builtInStages(blocklist, classifier, masks, clock));
        stages.addAll(extra);
        return new FilterPipeline(config, stages, review);
    }
}
