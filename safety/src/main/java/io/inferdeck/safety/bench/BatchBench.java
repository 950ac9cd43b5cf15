package io.inferdeck.safety.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.inferdeck.safety.classifier.ModelFiles;
import io.inferdeck.safety.classifier.OnnxModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What micro-batching would buy the classifier: the sentence model run on batches of 1, 8 and 32 texts (padded to
 * the longest, one ONNX Runtime call per batch, one intra-op thread as the classifier runs), process CPU time per
 * text, and how far a text's batched token vectors move from its vectors computed alone (the model quantizes its
 * activations per call, over the whole batch, so a batch's composition changes every vector in it); and, one
 * text per call, the CPU cost of 1 or 2 intra-op threads, sleeping or spin-waiting between ops (what
 * {@code OrtParallelism} chose from). Prints figures, asserts nothing; the classifier itself never batches
 * (docs/safety/speed.md).
 */
public final class BatchBench {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    static final int[] BATCHES = {1, 8, 32};

    private BatchBench() {
    }

    public static void run(Path modelCache, OnnxModel spec, List<String> texts, int rounds, Consumer<String> out)
            throws IOException {
        ModelFiles.Extracted files = ModelFiles.extract(modelCache, BatchBench.class.getClassLoader(), spec);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<OrtSession.SessionOptions> options = new ArrayList<>();
        List<OrtSession> sessions = new ArrayList<>();
        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(files.tokenizer(),
                Map.of("padding", "false", "truncation", "true", "maxLength", "128"))) {
            int[][] settings = {{1, 0}, {1, 1}, {2, 0}, {2, 1}};   // threads per call, spin-waiting
            for (int[] t : settings) {
                options.add(options(t[0], t[1] == 1));
                sessions.add(env.createSession(files.model().toString(), options.getLast()));
            }
            // session 0 (1 thread, sleeping: the classifier's) at each batch size, then batch 1 under each setting;
            // interleaved round by round, so a machine whose load drifts biases no figure
            List<Trial> trials = new ArrayList<>();
            for (int b : BATCHES) {
                trials.add(new Trial("batch " + b, sessions.getFirst(), b));
            }
            for (int i = 0; i < settings.length; i++) {
                trials.add(new Trial(settings[i][0] + " thread" + (settings[i][0] == 1 ? "" : "s")
                        + (settings[i][1] == 1 ? " spinning" : ""), sessions.get(i), 1));
            }
            long[] cpu = new long[trials.size()];
            int[] n = new int[trials.size()];
            for (int r = -1; r < rounds; r++) {   // round -1 warms up
                for (int i = 0; i < trials.size(); i++) {
                    Trial t = trials.get(i);
                    List<String> whole = texts.subList(0, (texts.size() / t.batch()) * t.batch());
                    long c = OS.getProcessCpuTime();
                    pass(t.session(), env, tok, whole, t.batch());
                    cpu[i] += r < 0 ? 0 : OS.getProcessCpuTime() - c;
                    n[i] += r < 0 ? 0 : whole.size();
                }
            }
            StringBuilder batching = new StringBuilder("classifier batching (" + spec.name() + ", 1 thread, CPU per text):");
            StringBuilder threads = new StringBuilder("classifier threads per call (batch 1, CPU per text):");
            for (int i = 0; i < trials.size(); i++) {
                (i < BATCHES.length ? batching : threads).append(String.format(Locale.ROOT, "  %s %.2f ms (n=%d)",
                        trials.get(i).label(), cpu[i] / 1e6 / n[i], n[i]));
            }
            out.accept(batching.toString());
            double[] d = drift(sessions.getFirst(), env, tok, texts.subList(0, Math.min(32, texts.size())));
            out.accept(String.format(Locale.ROOT, "  a text's mean token vector in a batch of 32 vs alone: largest change "
                    + "%.4f, lowest cosine %.5f (batched embeddings depend on their neighbours: not used)", d[0], d[1]));
            out.accept(threads.toString());
        } catch (OrtException e) {
            throw new IOException("batch benchmark: " + e.getMessage(), e);
        } finally {
            closeAll(sessions, options);
        }
    }

    private record Trial(String label, OrtSession session, int batch) {
    }

    private static void closeAll(List<OrtSession> sessions, List<OrtSession.SessionOptions> options) throws IOException {
        try {
            for (OrtSession s : sessions) {
                s.close();
            }
        } catch (OrtException e) {
            throw new IOException("batch benchmark: " + e.getMessage(), e);
        } finally {
            options.forEach(OrtSession.SessionOptions::close);
        }
    }

    /** {@code threads} intra-op threads that spin-wait between ops (ONNX Runtime's default) or sleep. */
    private static OrtSession.SessionOptions options(int threads, boolean spin) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(threads);
        o.addConfigEntry("session.intra_op.allow_spinning", spin ? "1" : "0");
        return o;
    }

    private static void pass(OrtSession s, OrtEnvironment env, HuggingFaceTokenizer tok, List<String> texts, int b)
            throws OrtException {
        for (int i = 0; i < texts.size(); i += b) {
            tokenVectors(s, env, tok, texts.subList(i, i + b));
        }
    }

    /** {largest absolute change of a mean-pooled component, lowest cosine} between batched and single vectors. */
    private static double[] drift(OrtSession s, OrtEnvironment env, HuggingFaceTokenizer tok, List<String> texts)
            throws OrtException {
        float[][] batched = tokenVectors(s, env, tok, texts);
        double largest = 0;
        double lowestCos = 1;
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = tokenVectors(s, env, tok, texts.subList(i, i + 1))[0];
            double dot = 0, na = 0, nb = 0;
            for (int d = 0; d < alone.length; d++) {
                largest = Math.max(largest, Math.abs(alone[d] - batched[i][d]));
                dot += alone[d] * batched[i][d];
                na += alone[d] * alone[d];
                nb += batched[i][d] * batched[i][d];
            }
            lowestCos = Math.min(lowestCos, dot / Math.sqrt(na * nb));
        }
        return new double[] {largest, lowestCos};
    }

    /** Mean over each text's attended tokens of the model's last hidden state, one row per text. */
    private static float[][] tokenVectors(OrtSession s, OrtEnvironment env, HuggingFaceTokenizer tok, List<String> texts)
            throws OrtException {
        Encoding[] enc = new Encoding[texts.size()];
        int len = 0;
        for (int i = 0; i < enc.length; i++) {
            enc[i] = tok.encode(texts.get(i));
            len = Math.max(len, enc[i].getIds().length);
        }
        long[][] cols = new long[3][enc.length * len];
        for (int i = 0; i < enc.length; i++) {
            System.arraycopy(enc[i].getIds(), 0, cols[0], i * len, enc[i].getIds().length);
            System.arraycopy(enc[i].getAttentionMask(), 0, cols[1], i * len, enc[i].getIds().length);
            System.arraycopy(enc[i].getTypeIds(), 0, cols[2], i * len, enc[i].getIds().length);
        }
        long[] shape = {enc.length, len};
        String[] names = {"input_ids", "attention_mask", "token_type_ids"};
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            for (int k = 0; k < names.length; k++) {
                if (s.getInputNames().contains(names[k])) {
                    in.put(names[k], OnnxTensor.createTensor(env, LongBuffer.wrap(cols[k]), shape));
                }
            }
            try (OrtSession.Result r = s.run(in)) {
                float[][][] h = (float[][][]) r.get(0).getValue();
                float[][] out = new float[enc.length][h[0][0].length];
                for (int i = 0; i < enc.length; i++) {
                    int used = 0;
                    for (int t = 0; t < len; t++) {
                        if (cols[1][i * len + t] == 1) {
                            used++;
                            for (int d = 0; d < out[i].length; d++) {
                                out[i][d] += h[i][t][d];
                            }
                        }
                    }
                    for (int d = 0; d < out[i].length; d++) {
                        out[i][d] /= Math.max(1, used);
                    }
                }
                return out;
            }
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }
}
