package io.inferdeck.safety.classifier;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which embedding a head is trained on (stored in head.json as {@code embedder}; heads without it are MiniLM):
 * one model, or MiniLM and BGE-small-zh paired ({@link PairedEmbedder}). Each kind knows how to load itself.
 */
public enum EmbedderKind {
    MINILM {
        @Override
        public Embedder open(Path cacheDir) throws IOException {
            return OnnxEmbedder.load(cacheDir, OnnxModel.MINILM);
        }
    },
    BGE_ZH {
        @Override
        public Embedder open(Path cacheDir) throws IOException {
            return OnnxEmbedder.load(cacheDir, OnnxModel.BGE_ZH);
        }
    },
    /** Both models on every prompt, embeddings concatenated. */
    CONCAT {
        @Override
        public Embedder open(Path cacheDir) throws IOException {
            return paired(cacheDir, PairedEmbedder.Mode.CONCAT);
        }
    },
    /** BGE-small-zh for prompts with Han characters, MiniLM for the rest. */
    ROUTE {
        @Override
        public Embedder open(Path cacheDir) throws IOException {
            return paired(cacheDir, PairedEmbedder.Mode.ROUTE);
        }
    };

    /** What {@code safety train} uses unless told otherwise (chosen by measurement: docs/safety/evaluation.md). */
    public static final EmbedderKind DEFAULT = ROUTE;

    /** Loads the model(s), extracting them into {@code cacheDir}. Blocking (about a second per model). */
    public abstract Embedder open(Path cacheDir) throws IOException;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static EmbedderKind parse(String s) {
        for (EmbedderKind k : values()) {
            if (k.wire().equalsIgnoreCase(s.strip())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown embedder '" + s + "' (minilm, bge-zh, concat or route)");
    }

    private static Embedder paired(Path cacheDir, PairedEmbedder.Mode mode) throws IOException {
        Embedder latin = OnnxEmbedder.load(cacheDir, OnnxModel.MINILM);
        try {
            return new PairedEmbedder(latin, OnnxEmbedder.load(cacheDir, OnnxModel.BGE_ZH), mode);
        } catch (IOException | RuntimeException e) {
            latin.close();
            throw e;
        }
    }
}
