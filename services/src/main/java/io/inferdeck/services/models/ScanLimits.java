package io.inferdeck.services.models;

/**
 * Bounds on one store's walk, so a models folder pointed at a home directory or a network share ends in a
 * bounded time: at most {@code maxDepth} folders below a root, and at most {@code maxEntries} files and folders
 * looked at per root (the walk stops there and says so).
 */
public record ScanLimits(int maxDepth, int maxEntries) {
    /** Deep enough for every layout documented in docs/models.md (the Hugging Face cache's is the deepest). */
    public static final ScanLimits DEFAULT = new ScanLimits(8, 50_000);

    public ScanLimits {
        if (maxDepth < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
