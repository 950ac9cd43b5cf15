package io.inferdeck.services.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Hugging Face hub cache ({@code $HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else
 * {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}): one folder per repository,
 * {@code models--<org>--<repo>}, whose {@code snapshots/<revision>/} trees hold the repository's files as links
 * into its {@code blobs/}; {@code refs/main} names the revision {@code main} points at. A model is named
 * {@code org/repo/<path in the repository>}; a file that exists only in another revision gets
 * {@code @<first 8 characters of the revision>}. Facts and their sources: docs/models.md.
 */
final class HfCacheStore implements ModelStore {
    private static final int REPO_DEPTH = 5;   // snapshots/<rev>/ plus up to three folders inside the repository

    private final Path root;

    HfCacheStore(Path root) {
        this.root = root;
    }

    @Override
    public String label() {
        return "Hugging Face cache";
    }

    @Override
    public Listing list(ScanLimits limits) {
        List<Found> found = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> repos = Files.list(root)) {
                for (Path repo : repos.filter(p -> p.getFileName().toString().startsWith("models--") && Files.isDirectory(p))
                        .sorted().toList()) {
                    repository(repo, limits, found, notes);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                notes.add("could not list " + root + ": " + e.getMessage());
            }
        }
        return new Listing(List.of(root), found, notes);
    }

    private static void repository(Path repo, ScanLimits limits, List<Found> found, List<String> notes) {
        String id = repo.getFileName().toString().substring("models--".length()).replace("--", "/");
        String main = readRef(repo.resolve("refs").resolve("main"));
        Path snapshots = repo.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return;
        }
        ScanLimits bounded = new ScanLimits(Math.min(REPO_DEPTH, limits.maxDepth()), limits.maxEntries());
        // main's files first, so a blob shared with an older revision is listed under main's name
        List<Path> revisions = new ArrayList<>();
        try (Stream<Path> s = Files.list(snapshots)) {
            s.filter(Files::isDirectory).sorted((a, b) -> a.getFileName().toString().equals(main) ? -1
                    : b.getFileName().toString().equals(main) ? 1 : a.compareTo(b)).forEach(revisions::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            notes.add("could not list " + snapshots + ": " + e.getMessage());
        }
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Path rev : revisions) {
            String revName = rev.getFileName().toString();
            String suffix = revName.equals(main) ? "" : "@" + revName.substring(0, Math.min(8, revName.length()));
            List<Found> inRev = new ArrayList<>();
            GgufWalk.walk(rev, bounded, p -> id + "/" + rev.relativize(p).toString().replace('\\', '/') + suffix, inRev, notes);
            for (Found f : inRev) {
                if (seen.add(real(f.parts().getFirst()))) {
                    found.add(f);
                }
            }
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    private static String readRef(Path ref) {
        try {
            return Files.readString(ref).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
