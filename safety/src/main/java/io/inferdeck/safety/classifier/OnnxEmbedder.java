package io.inferdeck.safety.classifier;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * A class-path {@link OnnxModel} (all-MiniLM-L6-v2, BGE-small-zh) through DJL + ONNX Runtime, fully offline.
 * One instance owns one native session, run as its {@link OrtParallelism} says: a DJL Predictor is not
 * thread-safe, so each concurrent {@link #embed} borrows one of {@code callsAtOnce} predictors over the shared
 * (thread-safe) session, and waits while all are busy. Thread-safe; {@link #close} waits for the calls running.
 */
public final class OnnxEmbedder implements Embedder {
    /** Tokens beyond this are dropped (MiniLM was trained on 128-token windows; prompts rarely need more). */
    public static final int MAX_TOKENS = 128;

    private final HuggingFaceTokenizer tokenizer;
    private final OrtSession.SessionOptions options;
    private final ZooModel<String, float[]> model;
    private final Queue<Predictor<String, float[]>> idle = new ConcurrentLinkedQueue<>();
    /** One permit per predictor: a holder may take one from {@link #idle}. */
    private final Semaphore free;
    private final int predictors;
    private final String sha;
    private final int dimension;
    private volatile boolean closed;

    private OnnxEmbedder(HuggingFaceTokenizer tokenizer, OrtSession.SessionOptions options, ZooModel<String, float[]> model,
                         String sha, int dimension, int predictors) {
        this.tokenizer = tokenizer;
        this.options = options;
        this.model = model;
        this.predictors = predictors;
        for (int i = 0; i < predictors; i++) {
            idle.add(model.newPredictor());
        }
        this.free = new Semaphore(predictors);
        this.sha = sha;
        this.dimension = dimension;
    }

    /** all-MiniLM-L6-v2. */
    public static OnnxEmbedder load(Path cacheDir) throws IOException {
        return load(cacheDir, OnnxModel.MINILM);
    }

    /** {@code spec} run as {@link OrtParallelism#machine()} says. */
    public static OnnxEmbedder load(Path cacheDir, OnnxModel spec) throws IOException {
        return load(cacheDir, spec, OrtParallelism.machine());
    }

    /**
     * Extracts the class-path model into {@code cacheDir}, checks its SHA-256 and loads it.
     * Sets {@code ai.djl.offline=true} first so DJL never tries the network.
     */
    public static OnnxEmbedder load(Path cacheDir, OnnxModel spec, OrtParallelism parallelism) throws IOException {
        System.setProperty("ai.djl.offline", "true");
        ModelFiles.Extracted files = ModelFiles.extract(cacheDir, OnnxEmbedder.class.getClassLoader(), spec);
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(files.tokenizer(), Map.of(
                "padding", "false", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
        OrtSession.SessionOptions options = null;
        try {
            options = sessionOptions(parallelism);
            Criteria<String, float[]> criteria = Criteria.builder()
                    .setTypes(String.class, float[].class)
                    .optModelPath(files.model())
                    .optEngine("OnnxRuntime")
                    .optArgument("sessionOptions", options)
                    .optTranslator(new MeanPoolTranslator(tokenizer, spec.pooling()))
                    .build();
            return new OnnxEmbedder(tokenizer, options, criteria.loadModel(), files.modelSha256(), spec.dimension(),
                    parallelism.callsAtOnce());
        } catch (ModelNotFoundException | MalformedModelException | OrtException e) {
            tokenizer.close();
            if (options != null) {
                options.close();
            }
            throw new IOException("cannot load " + files.model() + ": " + e.getMessage(), e);
        }
    }

    /** Threads per call as asked, no inter-op pool, and op threads that sleep rather than spin while they wait. */
    private static OrtSession.SessionOptions sessionOptions(OrtParallelism p) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(p.threadsPerCall());
        o.setInterOpNumThreads(1);
        o.addConfigEntry("session.intra_op.allow_spinning", "0");
        return o;
    }

    @Override
    public float[] embed(String text) {
        free.acquireUninterruptibly();   // a few milliseconds per holder; the embedding must not be half-done
        try {
            if (closed) {
                throw new IllegalStateException("embedder closed");
            }
            Predictor<String, float[]> p = idle.remove();
            try {
                return p.predict(text);
            } finally {
                idle.add(p);
            }
        } catch (TranslateException e) {
            throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
        } finally {
            free.release();
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String modelSha256() {
        return sha;
    }

    /** Waits for the embeddings running, then frees the native session; a later {@link #embed} throws. */
    @Override
    public void close() {
        free.acquireUninterruptibly(predictors);
        try {
            if (closed) {
                return;
            }
            closed = true;
            idle.forEach(Predictor::close);
            model.close();
            tokenizer.close();
            options.close();
        } finally {
            free.release(predictors);
        }
    }
}
