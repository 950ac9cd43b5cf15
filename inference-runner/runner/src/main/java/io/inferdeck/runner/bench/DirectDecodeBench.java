package io.inferdeck.runner.bench;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import io.inferdeck.runner.NativeSetup;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Path (a) of the runner benchmark: de.kherud:llama called directly, no HTTP, in a JVM of its own
 * (so the benchmarking JVM never loads natives and every measurement starts from a fresh process).
 * Model parameters match what the runner passes with --parallel 1. Driven over stdin so that the
 * benchmark can interleave it with the HTTP path: each line {@code RUN} measures one request and prints
 * {@code RESULT <ttft ms> <decode tokens/s> <tokens>}; end of input ends the process.
 *
 * <p>Usage: {@code DirectDecodeBench MODEL THREADS CTX TOKENS SEED PROMPT}
 */
public final class DirectDecodeBench {
    private DirectDecodeBench() {
    }

    public static void main(String[] a) throws Exception {
        Path model = Path.of(a[0]);
        int threads = Integer.parseInt(a[1]);
        int ctx = Integer.parseInt(a[2]);
        int tokens = Integer.parseInt(a[3]);
        int seed = Integer.parseInt(a[4]);
        String prompt = a[5];
        NativeSetup natives = NativeSetup.prepare(Optional.empty());
        LlamaModel m = new LlamaModel(new ModelParameters().setModel(model.toString()).setThreads(threads).setCtxSize(ctx)
                .setParallel(1).enableContBatching().setGpuLayers(0).disableContextShift());
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && line.equals("RUN"); ) {
            double[] r = run(m, prompt, tokens, seed);
            System.out.printf(Locale.ROOT, "RESULT %.3f %.2f %d%n", r[0], r[1], (int) r[2]);
            System.out.flush();
        }
        m.close();
        natives.deletePrivateDir();
        System.exit(0); // de.kherud leaves a non-daemon native thread
    }

    /** Returns {ttft ms, decode tokens/s over tokens 2..n, n}. */
    static double[] run(LlamaModel m, String prompt, int tokens, int seed) {
        InferenceParameters p = new InferenceParameters(prompt).setNPredict(tokens).setSeed(seed).setTemperature(0.8f)
                .setIgnoreEos(true);
        long t0 = System.nanoTime();
        long first = 0;
        long last = 0;
        int n = 0;
        LlamaIterator it = m.generate(p).iterator();
        while (it.hasNext()) {
            it.next();
            if (!it.hasNext()) {
                break; // the terminal output is not a token
            }
            last = System.nanoTime();
            if (n++ == 0) {
                first = last;
            }
        }
        double decode = n > 1 ? (n - 1) / ((last - first) / 1e9) : 0;
        return new double[] {(first - t0) / 1e6, decode, n};
    }
}
