package io.inferdeck.runner;

import io.inferdeck.gguf.GgmlType;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every knob of one runner process, already checked for range and consistency by {@link OptionsParser}
 * (checks that need the model file are in {@link KnobValidator}). Immutable; built with {@link Builder}.
 *
 * @param model       GGUF file; empty means "the library's default model"
 * @param port        TCP port; 0 picks a free one (the runner prints the one it got)
 * @param ctx         total KV context in tokens; llama.cpp divides it evenly among {@code parallel} slots
 * @param queue       requests allowed to wait for a slot; beyond {@code parallel + queue} the runner answers 429
 * @param tensorSplit proportions per GPU (e.g. 3,1); empty = llama.cpp's default
 * @param libPath     folder holding a custom {@code libjllama.so} (e.g. a CUDA build); empty = bundled CPU natives
 * @param inputLimits    message count and character limits checked before template rendering
 * @param allowedOrigins web origins (scheme://host[:port]) whose pages may call the API; empty = none
 */
public record RunnerOptions(Optional<Path> model, String host, int port, Optional<String> apiKey, int threads,
                            int ctx, int batch, int ubatch, int parallel, GgmlType cacheTypeK, GgmlType cacheTypeV,
                            boolean flashAttn, int gpuLayers, SplitMode splitMode, List<Double> tensorSplit,
                            int mainGpu, boolean mlock, boolean noMmap, int queue, Optional<Path> libPath,
                            InputLimits inputLimits, List<String> allowedOrigins) {

    /**
     * Decode threads when --threads is not given: half the CPUs, at least 1. On the 2-core reference VM
     * that is 1, which `inferdeck runner-bench` measured faster than 2 for every variant of the default
     * model (docs/performance.md, "Inference runner"): a second decode thread costs more in synchronisation
     * and in competition with the JVM's HTTP, JSON and GC work than it adds. Larger machines were not
     * measured; half the CPUs leaves the other half for that work, as on the reference VM.
     */
    public static final int DEFAULT_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_CTX = 4096;
    /**
     * Two slots: on the 2-core reference VM (docs/performance.md) --parallel 2 gave the highest aggregate
     * tokens/s while a lone request lost ~13% against --parallel 1; 4 and 8 slots lost more on both counts.
     * With the default ctx each slot gets 2048 tokens, the default model's trained context.
     */
    public static final int DEFAULT_PARALLEL = 2;
    public static final int DEFAULT_QUEUE = 32;

    public enum SplitMode { NONE, LAYER, ROW }

    public RunnerOptions {
        tensorSplit = List.copyOf(tensorSplit);
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Tokens of context each parallel slot gets: the hard limit for prompt + max_tokens of one request. */
    public int ctxPerSlot() {
        return ctx / parallel;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable collector for the parser; {@link #build()} applies no further checks. */
    public static final class Builder {
        Path model;
        String host = "127.0.0.1";
        int port = DEFAULT_PORT;
        String apiKey;
        int threads = DEFAULT_THREADS;
        int ctx = DEFAULT_CTX;
        int batch = 2048;
        int ubatch = 512;
        int parallel = DEFAULT_PARALLEL;
        GgmlType cacheTypeK = GgmlType.F16;
        GgmlType cacheTypeV = GgmlType.F16;
        boolean flashAttn;
        int gpuLayers;
        SplitMode splitMode = SplitMode.LAYER;
        List<Double> tensorSplit = List.of();
        int mainGpu;
        boolean mlock;
        boolean noMmap;
        int queue = DEFAULT_QUEUE;
        Path libPath;
        int maxMessages = InputLimits.DEFAULTS.maxMessages();
        int maxMessageChars = InputLimits.DEFAULTS.maxMessageChars();
        int maxInputChars = InputLimits.DEFAULTS.maxInputChars();
        List<String> allowedOrigins = List.of();

        public Builder model(Path p) { model = p; return this; }
        public Builder host(String h) { host = h; return this; }
        public Builder port(int p) { port = p; return this; }
        public Builder apiKey(String k) { apiKey = k; return this; }
        public Builder threads(int n) { threads = n; return this; }
        public Builder ctx(int n) { ctx = n; return this; }
        public Builder parallel(int n) { parallel = n; return this; }
        public Builder queue(int n) { queue = n; return this; }

        public RunnerOptions build() {
            return new RunnerOptions(Optional.ofNullable(model), host, port, Optional.ofNullable(apiKey), threads, ctx,
                    batch, ubatch, parallel, cacheTypeK, cacheTypeV, flashAttn, gpuLayers, splitMode, tensorSplit,
                    mainGpu, mlock, noMmap, queue, Optional.ofNullable(libPath),
                    new InputLimits(maxMessages, maxMessageChars, maxInputChars), allowedOrigins);
        }
    }
}
