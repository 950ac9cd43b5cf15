package io.inferdeck.safety.classifier;

import io.inferdeck.safety.Lang;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Two embedders side by side in one vector [latin | cjk], so one linear head covers both. CONCAT fills both
 * halves (each unit length, the whole scaled back to unit length); ROUTE fills only the half of the model the
 * text's script calls for (any Han character → the CJK model) and leaves the other half zero, which makes the
 * head two heads — one per model — that share a bias, at one model call per prompt. Thread-safe when both
 * embedders are; owns and closes both.
 */
public final class PairedEmbedder implements Embedder {
    public enum Mode { CONCAT, ROUTE }

    private final Embedder latin;
    private final Embedder cjk;
    private final Mode mode;
    private final String sha;

    public PairedEmbedder(Embedder latin, Embedder cjk, Mode mode) {
        this.latin = latin;
        this.cjk = cjk;
        this.mode = mode;
        this.sha = sha256(mode + ":" + latin.modelSha256() + "+" + cjk.modelSha256());
    }

    @Override
    public float[] embed(String text) {
        float[] out = new float[dimension()];
        boolean han = Lang.hasHan(text);
        double scale = mode == Mode.CONCAT ? Math.sqrt(0.5) : 1;
        if (mode == Mode.CONCAT || !han) {
            copy(latin.embed(text), out, 0, scale);
        }
        if (mode == Mode.CONCAT || han) {
            copy(cjk.embed(text), out, latin.dimension(), scale);
        }
        return out;
    }

    private static void copy(float[] from, float[] to, int at, double scale) {
        for (int i = 0; i < from.length; i++) {
            to[at + i] = (float) (from[i] * scale);
        }
    }

    @Override
    public int dimension() {
        return latin.dimension() + cjk.dimension();
    }

    /** SHA-256 over the mode and both model hashes: a head trained for one pairing is refused by another. */
    @Override
    public String modelSha256() {
        return sha;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            latin.close();
        } finally {
            cjk.close();
        }
    }
}
