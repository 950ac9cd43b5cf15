package io.inferdeck.services.models;

import io.inferdeck.gguf.GgufSplits;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The bounded walk every folder-shaped store shares: {@code *.gguf} files under a root, following symbolic links
 * (the Hugging Face cache is made of them; a link loop is skipped, not followed forever), skipping hidden folders,
 * at most {@link ScanLimits#maxDepth} deep and {@link ScanLimits#maxEntries} entries. The parts of a split model
 * become one {@link ModelStore.Found}; two paths to the same file (links, snapshots sharing a blob) become one.
 */
final class GgufWalk {
    private GgufWalk() {
    }

    /** Walks {@code root} (absent: nothing found); {@code namer} names a model by its path (a split model's without the part suffix). */
    static void walk(Path root, ScanLimits limits, Function<Path, String> namer, List<ModelStore.Found> found, List<String> notes) {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        List<Path> dangling = new ArrayList<>();
        int[] entries = {0};
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), limits.maxDepth(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (++entries[0] > limits.maxEntries()) {
                        return FileVisitResult.TERMINATE;
                    }
                    return !dir.equals(root) && dir.getFileName().toString().startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (++entries[0] > limits.maxEntries()) {
                        return FileVisitResult.TERMINATE;
                    }
                    if (attrs.isRegularFile() && isGguf(file)) {
                        files.add(file);
                    } else if (attrs.isSymbolicLink() && isGguf(file)) {   // the walk reports a link whose target is gone as the link itself
                        dangling.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!(e instanceof FileSystemLoopException) && !(e instanceof NoSuchFileException)) {
                        notes.add("skipped " + file + ": " + e.getMessage());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            notes.add("could not walk " + root + ": " + e.getMessage());
        }
        if (entries[0] > limits.maxEntries()) {
            notes.add("stopped after " + limits.maxEntries() + " entries in " + root + "; models deeper in it are not listed");
        }
        files.sort(null);
        found.addAll(group(unique(files), namer));
        dangling.forEach(d -> found.add(ModelStore.Found.bad(namer.apply(d), d, "link to a file that no longer exists")));
    }

    static boolean isGguf(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf");
    }

    /** One path per file, the first in sorted order winning (links and other snapshots of the same blob drop out). */
    private static List<Path> unique(List<Path> files) {
        Set<Path> seen = new HashSet<>();
        List<Path> out = new ArrayList<>();
        for (Path f : files) {
            Path real;
            try {
                real = f.toRealPath();
            } catch (IOException e) {
                real = f;
            }
            if (seen.add(real)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Single files as they are; split parts grouped by folder, prefix and count, each group checked for missing parts. */
    static List<ModelStore.Found> group(List<Path> files, Function<Path, String> namer) {
        List<ModelStore.Found> out = new ArrayList<>();
        Map<Path, GgufSplits.Part> splits = new LinkedHashMap<>();
        for (Path f : files) {
            GgufSplits.parse(f.getFileName().toString()).ifPresentOrElse(
                    part -> splits.putIfAbsent(f.resolveSibling(part.fileName(1)), part),
                    () -> out.add(ModelStore.Found.ok(namer.apply(f), List.of(f))));
        }
        splits.forEach((first, part) -> {
            List<Path> parts = GgufSplits.allParts(first, part);
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                if (!files.contains(parts.get(i))) {
                    missing.add(i + 1);
                }
            }
            String name = namer.apply(first.resolveSibling(part.prefix() + ".gguf"));
            out.add(missing.isEmpty() ? ModelStore.Found.ok(name, parts) : new ModelStore.Found(name, parts,
                    java.util.Optional.of("split model: part" + (missing.size() > 1 ? "s " : " ")
                            + String.join(", ", missing.stream().map(String::valueOf).toList()) + " of " + part.count() + " missing")));
        });
        return out;
    }
}
