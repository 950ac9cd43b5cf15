package io.inferdeck.safety;

import io.inferdeck.safety.blocklist.Blocklist;
import io.inferdeck.safety.blocklist.TermList;
import io.inferdeck.safety.blocklist.TermListLoader;
import io.inferdeck.safety.classifier.ClassifierHead;
import io.inferdeck.safety.classifier.ClassifierStage;
import io.inferdeck.safety.classifier.MiniLmEmbedder;
import io.inferdeck.safety.pii.PiiDetector;
import io.inferdeck.safety.pii.PiiKind;
import io.inferdeck.safety.pii.MaskPolicy;
import io.inferdeck.safety.pii.PiiStage;
import io.inferdeck.safety.pipeline.FilterConfig;
import io.inferdeck.safety.pipeline.FilterPipeline;
import io.inferdeck.safety.pipeline.ReviewSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;

/**
 * Assembles a {@link FilterPipeline} from files: term lists (a directory or the starter lists), the
 * classifier (user-trained head if present, else the bundled one) and PII masks. Loading the model can
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

    /** Loads the classifier or returns an unavailable stage that says why. */
    public static ClassifierStage classifier(SafetyPaths paths, Path headFile, double reviewMargin) {
        try {
            Path h = headFile != null ? headFile : Files.isRegularFile(paths.userHead()) ? paths.userHead() : null;
            ClassifierHead head = h != null ? ClassifierHead.read(h) : ClassifierHead.bundled();
            MiniLmEmbedder embedder = MiniLmEmbedder.load(paths.modelCache());
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

    public static FilterPipeline pipeline(FilterConfig config, Blocklist blocklist, ClassifierStage classifier,
                                          MaskPolicy masks, Clock clock, ReviewSink review) {
        PiiStage pii = new PiiStage(new PiiDetector(EnumSet.allOf(PiiKind.class), masks, clock));
        return new FilterPipeline(config, blocklist, pii, classifier, review);
    }
}
