package io.inferdeck.services.safety;

import io.inferdeck.safety.SafetyFilters;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.classifier.ClassifierHead;
import io.inferdeck.safety.classifier.ThresholdCurves;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The classifier's per-category operating points: the head the filters load (the settings' head file, else the
 * user head, else the bundled one), the precision–recall curves it carries from its calibration data, and saving
 * a category's new block threshold. A save writes the whole head atomically to the file the filters read (the
 * settings' head file, else the user head — so a bundled head becomes a user head) and then tells the owner,
 * which reopens its filters on next use. Deployments already running keep the head they started with. Blocking
 * file I/O: background threads only. Stateless apart from its collaborators.
 */
public final class OperatingPoints {

    /** The head in force, where it came from (empty = bundled) and its curves. */
    public record Loaded(ClassifierHead head, Optional<Path> source, ThresholdCurves curves) {
        /** The block threshold now in force for {@code category}. */
        public double threshold(String category) {
            return head.heads().stream().filter(h -> h.category().equals(category)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no head for category '" + category + "'")).threshold();
        }
    }

    private final SafetyPaths paths;
    private final Path headFile;
    private final Runnable saved;

    /**
     * @param headFile the settings' head file; null = user head or bundled
     * @param saved    called after a save (the service drops its loaded filters)
     */
    OperatingPoints(SafetyPaths paths, Path headFile, Runnable saved) {
        this.paths = paths;
        this.headFile = headFile;
        this.saved = saved;
    }

    public Loaded load() throws IOException {
        ClassifierHead head = SafetyFilters.loadHead(paths, headFile);
        return new Loaded(head, SafetyFilters.headSource(paths, headFile), ThresholdCurves.of(head));
    }

    /**
     * Sets {@code category}'s block threshold (its review band keeps its width) in the head in force and writes it.
     *
     * @return the head as saved and where
     * @throws IllegalArgumentException for an unknown category or a threshold outside (0, 1)
     */
    public Loaded save(String category, double threshold) throws IOException {
        ClassifierHead next = load().head().withThreshold(category, threshold);
        Path target = headFile != null ? headFile : paths.userHead();
        next.write(target);
        saved.run();
        return new Loaded(next, Optional.of(target), ThresholdCurves.of(next));
    }
}
