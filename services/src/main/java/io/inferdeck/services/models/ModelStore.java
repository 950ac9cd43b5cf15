package io.inferdeck.services.models;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One place on this machine where GGUF models live, and how to find them there: InferDeck's own models folder,
 * the operator's folders, Ollama's store, LM Studio's folder, the Hugging Face hub cache, llama.cpp's cache
 * ({@link ModelStores#standard} registers them). A store only finds files and names them the way its tool does;
 * {@link ModelCatalog} reads their headers. It never downloads, never writes, and never throws for a place that
 * is missing or unreadable: {@link Listing#notes} says so. Blocking file I/O; thread-safe (stateless).
 */
public interface ModelStore {

    /** The name of the place as the Models page's Source column shows it ("Ollama", "Hugging Face cache"). */
    String label();

    /** Walks the store within {@code limits}. */
    Listing list(ScanLimits limits);

    /**
     * One model as the store names it: its file (the first part of a split model, then the others, in order), or
     * why it cannot be used ({@code problem}: a missing part, a missing blob, a dangling link).
     */
    record Found(String name, List<Path> parts, Optional<String> problem) {
        public Found {
            parts = List.copyOf(parts);
        }

        static Found ok(String name, List<Path> parts) {
            return new Found(name, parts, Optional.empty());
        }

        static Found bad(String name, Path path, String problem) {
            return new Found(name, List.of(path), Optional.of(problem));
        }
    }

    /** What a walk found: the locations looked at (present or not), the models, and one line per thing worth saying. */
    record Listing(List<Path> roots, List<Found> found, List<String> notes) {
        public Listing {
            roots = List.copyOf(roots);
            found = List.copyOf(found);
            notes = List.copyOf(notes);
        }
    }
}
