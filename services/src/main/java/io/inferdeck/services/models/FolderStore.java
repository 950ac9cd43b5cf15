package io.inferdeck.services.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A store that is a plain folder tree of {@code .gguf} files: InferDeck's models folder, the operator's folders,
 * LM Studio's {@code <publisher>/<repo>/<file>.gguf} tree, llama.cpp's download cache. A model is named by its
 * path below the root ({@code publisher/repo/file.gguf}). The roots are asked for on every walk, so a folder the
 * operator adds is walked next time.
 */
final class FolderStore implements ModelStore {
    private final String label;
    private final Supplier<List<Path>> roots;
    private final int maxDepth;

    /** @param maxDepth how deep this layout puts its files (the scan's own limit still applies) */
    FolderStore(String label, Supplier<List<Path>> roots, int maxDepth) {
        this.label = label;
        this.roots = roots;
        this.maxDepth = maxDepth;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public Listing list(ScanLimits limits) {
        List<Path> where = roots.get();
        List<Found> found = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ScanLimits bounded = new ScanLimits(Math.min(maxDepth, limits.maxDepth()), limits.maxEntries());
        for (Path root : where) {
            GgufWalk.walk(root, bounded, p -> root.relativize(p).toString().replace('\\', '/'), found, notes);
        }
        return new Listing(where, found, notes);
    }
}
