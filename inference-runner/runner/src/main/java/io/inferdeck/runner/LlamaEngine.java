package io.inferdeck.runner;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import de.kherud.llama.args.CacheType;
import de.kherud.llama.args.GpuSplitMode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The runner's one doorway into llama.cpp (de.kherud:llama 4.2.0). Every RuntimeException from the
 * binding (its LlamaException is package-private) leaves as {@link EngineException}.
 *
 * <p>Thread-safety: one model serves concurrent requests; llama.cpp's server loop batches the parallel
 * slots, and tokenizing and templating are read-only. A {@link Generation} belongs to one thread.
 * One engine per process: de.kherud's close() frees little (about 270 MB stays per load/close of a
 * 58M-parameter F32 model), so switching models means restarting the runner.
 */
public final class LlamaEngine implements Engine, AutoCloseable {
    private final LlamaModel model;
    private final boolean addBos;
    private final int bosId;

    private LlamaEngine(LlamaModel model, boolean addBos, int bosId) {
        this.model = model;
        this.addBos = addBos;
        this.bosId = bosId;
    }

    /**
     * Loads the model. The options must have passed {@link OptionsParser} and {@link KnobValidator}: an
     * argument llama.cpp's own parser rejects yields a dead model whose first call crashes the JVM.
     *
     * @param addBos whether llama.cpp prepends BOS when it tokenizes a prompt (tokenizer.ggml.add_bos_token)
     * @param bosId  the BOS token id (tokenizer.ggml.bos_token_id); used only when {@code addBos}
     * @throws LinkageError when the native library cannot be loaded (the caller explains libgomp1)
     */
    public static LlamaEngine load(RunnerOptions o, Path modelFile, boolean addBos, int bosId) throws EngineException {
        ModelParameters p = new ModelParameters().setModel(modelFile.toString())
                .setThreads(o.threads()).setCtxSize(o.ctx()).setBatchSize(o.batch()).setUbatchSize(o.ubatch())
                .setParallel(o.parallel()).enableContBatching()
                .setCacheTypeK(CacheType.valueOf(o.cacheTypeK().name())).setCacheTypeV(CacheType.valueOf(o.cacheTypeV().name()))
                .setGpuLayers(o.gpuLayers())
                // Requests are refused up front when prompt + max_tokens exceed the slot, so llama.cpp never
                // needs to shift (silently drop) context.
                .disableContextShift();
        // Passed only when changed: llama.cpp logs a warning for each GPU flag it gets on a CPU-only build.
        if (o.splitMode() != RunnerOptions.SplitMode.LAYER) {
            p.setSplitMode(GpuSplitMode.valueOf(o.splitMode().name()));
        }
        if (o.mainGpu() != 0) {
            p.setMainGpu(o.mainGpu());
        }
        if (o.flashAttn()) {
            p.enableFlashAttn();
        }
        if (!o.tensorSplit().isEmpty()) {
            p.setTensorSplit(o.tensorSplit().stream().map(d -> BigDecimal.valueOf(d).stripTrailingZeros().toPlainString())
                    .collect(Collectors.joining(",")));
        }
        if (o.mlock()) {
            p.enableMlock();
        }
        if (o.noMmap()) {
            p.disableMmap();
        }
        try {
            return new LlamaEngine(new LlamaModel(p), addBos, bosId);
        } catch (RuntimeException e) {
            throw new EngineException("llama.cpp could not load " + modelFile + ": " + EngineException.firstLine(e)
                    + " (details in the llama.cpp log above)", e);
        }
    }

    /** Tokens llama.cpp will see for this prompt, counted exactly as it tokenizes (plus BOS when it adds one). */
    @Override
    public int promptTokens(String prompt) throws EngineException {
        try {
            return model.encode(prompt).length + (addBos ? 1 : 0);
        } catch (RuntimeException e) {
            throw new EngineException("tokenizer failed: " + EngineException.firstLine(e), e);
        }
    }

    @Override
    public int[] tokenize(String text, boolean addSpecial) throws EngineException {
        int[] ids;
        try {
            ids = model.encode(text);
        } catch (RuntimeException e) {
            throw new EngineException("tokenizer failed: " + EngineException.firstLine(e), e);
        }
        if (!addSpecial || !addBos) {
            return ids;
        }
        int[] withBos = new int[ids.length + 1];
        withBos[0] = bosId;
        System.arraycopy(ids, 0, withBos, 1, ids.length);
        return withBos;
    }

    /** The prompt text the model's own chat template makes of a conversation (roles user/assistant). */
    @Override
    public String chatPrompt(String system, List<ChatTurn> turns) throws EngineException {
        List<Pair<String, String>> pairs = turns.stream().map(t -> new Pair<>(t.role(), t.content())).toList();
        try {
            return model.applyTemplate(new InferenceParameters("").setMessages(system, pairs));
        } catch (RuntimeException e) {
            throw new EngineException("chat template failed: " + EngineException.firstLine(e), e);
        }
    }

    /** Starts generating; the first {@link TokenStream#next()} returns once the prompt is processed. */
    @Override
    public TokenStream start(String prompt, Sampling s) throws EngineException {
        InferenceParameters p = new InferenceParameters(prompt).setNPredict(s.maxTokens()).setIgnoreEos(s.ignoreEos());
        s.temperature().ifPresent(v -> p.setTemperature((float) v));
        s.topP().ifPresent(v -> p.setTopP((float) v));
        s.topK().ifPresent(p::setTopK);
        s.seed().ifPresent(p::setSeed);
        s.presencePenalty().ifPresent(v -> p.setPresencePenalty((float) v));
        s.frequencyPenalty().ifPresent(v -> p.setFrequencyPenalty((float) v));
        if (!s.stop().isEmpty()) {
            p.setStopStrings(s.stop().toArray(String[]::new));
        }
        try {
            return new Generation(model.generate(p).iterator());
        } catch (RuntimeException e) {
            throw new EngineException("llama.cpp refused the request: " + EngineException.firstLine(e), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }

    /**
     * Token-by-token results of one request. llama.cpp emits one output per sampled token (text may be
     * empty while a stop string is being matched) and then one empty terminal output, so the number of
     * non-null {@link #next()} results is the number of generated tokens. Not thread-safe.
     */
    private static final class Generation implements TokenStream {
        private final LlamaIterator it;

        private Generation(LlamaIterator it) {
            this.it = it;
        }

        @Override
        public String next() throws EngineException {
            try {
                while (it.hasNext()) {
                    LlamaOutput out = it.next();
                    if (it.hasNext()) {
                        return out.text;
                    }
                }
                return null;
            } catch (RuntimeException e) {
                throw new EngineException("generation failed: " + EngineException.firstLine(e), e);
            }
        }

        /** Stops the slot's work in llama.cpp; call from the thread that calls {@link #next()}. */
        @Override
        public void cancel() {
            if (it.hasNext()) {
                it.cancel();
            }
        }
    }
}
