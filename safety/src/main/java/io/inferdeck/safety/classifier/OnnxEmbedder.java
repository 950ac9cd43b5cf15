package io.inferdeck.safety.classifier;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A class-path {@link OnnxModel} (all-MiniLM-L6-v2, BGE-small-zh) through DJL + ONNX Runtime, fully offline.
 * One instance owns one native session;
 * {@link #embed} is synchronized because a DJL Predictor is not thread-safe (≈1–2 ms per prompt on CPU,
 * so serializing is cheaper than a predictor pool for the suite sizes we run).
 */
public final class OnnxEmbedder implements Embedder {
    /** Tokens beyond this are dropped (MiniLM was trained on 128-token windows; prompts rarely need more). */
    public static final int MAX_TOKENS = 128;

    private final HuggingFaceTokenizer tokenizer;
    private final ZooModel<String, float[]> model;
    private final Predictor<String, float[]> predictor;
    private final String sha;
    private final int dimension;

    private OnnxEmbedder(HuggingFaceTokenizer tokenizer, ZooModel<String, float[]> model, String sha, int dimension) {
        this.tokenizer = tokenizer;
        this.model = model;
        this.predictor = model.newPredictor();
        this.sha = sha;
        this.dimension = dimension;
    }

    /** all-MiniLM-L6-v2. */
    public static OnnxEmbedder load(Path cacheDir) throws IOException {
        return load(cacheDir, OnnxModel.MINILM);
    }

    /**
     * Extracts the class-path model into {@code cacheDir}, checks its SHA-256 and loads it.
     * Sets {@code ai.djl.offline=true} first so DJL never tries the network.
     */
    public static OnnxEmbedder load(Path cacheDir, OnnxModel spec) throws IOException {
        System.setProperty("ai.djl.offline", "true");
        ModelFiles.Extracted files = ModelFiles.extract(cacheDir, OnnxEmbedder.class.getClassLoader(), spec);
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(files.tokenizer(), Map.of(
                "padding", "false", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
        Criteria<String, float[]> criteria = Criteria.builder()
                .setTypes(String.class, float[].class)
                .optModelPath(files.model())
                .optEngine("OnnxRuntime")
                .optTranslator(new MeanPoolTranslator(tokenizer, spec.pooling()))
                .build();
        try {
            return new OnnxEmbedder(tokenizer, criteria.loadModel(), files.modelSha256(), spec.dimension());
        } catch (ModelNotFoundException | MalformedModelException e) {
            tokenizer.close();
            throw new IOException("cannot load " + files.model() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized float[] embed(String text) {
        try {
            return predictor.predict(text);
        } catch (TranslateException e) {
            throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
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

    @Override
    public synchronized void close() {
        predictor.close();
        model.close();
        tokenizer.close();
    }
}
