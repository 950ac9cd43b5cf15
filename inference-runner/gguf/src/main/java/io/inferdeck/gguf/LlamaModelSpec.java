package io.inferdeck.gguf;

/**
 * Shape of a llama-architecture model InferDeck generates. Every row length (embedding, feed-forward)
 * is a multiple of 32 so that every weight can be stored in block-quantized formats.
 *
 * @param vocabSize  total tokens, including control and the 256 byte tokens
 * @param contextLength the trained context written to {@code llama.context_length}
 * @param seed       weights are a pure function of (seed, tensor name, row)
 */
public record LlamaModelSpec(String id, String displayName, int vocabSize, int embedding, int layers, int heads,
                             int kvHeads, int feedForward, int contextLength, long seed) {

    /**
     * The embedded default: about 34 M parameters (F32 134 MB, Q4_0 19 MB). Large enough that a decode
     * step is real matrix work on a CPU (tens to hundreds of tokens/s on 2 cores), small enough that all
     * four variants are generated in seconds and fit comfortably in RAM.
     */
    public static final LlamaModelSpec DEFAULT =
            new LlamaModelSpec("inferdeck-default", "InferDeck default (random weights)", 8192, 512, 8, 8, 4, 1536, 2048, 20261129L);

    /** A tiny variant (~0.2 M parameters) for fast tests. */
    public static final LlamaModelSpec TINY =
            new LlamaModelSpec("inferdeck-tiny", "InferDeck tiny (random weights)", 640, 64, 2, 4, 2, 128, 1024, 7L);

    public LlamaModelSpec {
        if (embedding % heads != 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("heads must divide the embedding and kv heads must divide heads");
        }
        if (embedding % 32 != 0 || feedForward % 32 != 0) {
            throw new IllegalArgumentException("embedding and feed-forward sizes must be multiples of 32");
        }
    }

    public int headDim() {
        return embedding / heads;
    }

    public int kvDim() {
        return kvHeads * headDim();
    }

    public long parameterCount() {
        long perLayer = 2L * embedding                       // attention + ffn norms
                + 2L * embedding * embedding                 // q, output
                + 2L * embedding * kvDim()                   // k, v
                + 3L * embedding * feedForward;              // gate, up, down
        return layers * perLayer + 2L * vocabSize * embedding + embedding;
    }
}
