package io.inferdeck.runner.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The runner benchmark behind {@code inferdeck runner-bench}: decode tokens/s and time to first token for
 * each model variant, (a) calling de.kherud:llama directly and (b) through the runner's HTTP API with
 * SSE streaming (runner as a separate process), same prompt, threads, seed and token count; a direct-only
 * threads comparison; then the aggregate tokens/s of N concurrent streams. Prints numbers, asserts nothing.
 *
 * <p>Paths being compared run side by side as idle processes and are measured round-robin, one request
 * at a time, so that drift in the machine's speed (a shared 2-core VM is noisy) hits both equally.
 * Every number is the median over the repetitions, after {@link #WARMUP} unmeasured full-length requests.
 */
public final class RunnerBench {
    /**
     * @param models  variants in measuring order
     * @param threads decode threads for (a) vs (b)
     * @param compare thread counts for the direct-only comparison (empty: skip)
     * @param streams concurrency levels N, each on a runner with --parallel N, on the last model (empty: skip)
     */
    public record Config(List<Variant> models, int threads, List<Integer> compare, int tokens, int reps, int seed,
                         List<Integer> streams, boolean jdkClient, Path workDir) {
    }

    /** An SSE client for path (b). */
    @FunctionalInterface
    interface Streamer {
        StreamClient.SseResponse stream(String path, String json) throws IOException, InterruptedException;
    }

    public record Variant(String label, Path file) {
    }

    static final String PROMPT = "the river";
    /** Full-length requests before measuring, on every path: JIT and page faults are done by then. */
    static final int WARMUP = 3;
    private static final int CTX = 1024;

    private final Config c;
    private final PrintWriter out;

    public RunnerBench(Config c, PrintWriter out) {
        this.c = c;
        this.out = out;
    }

    public void run() throws IOException, InterruptedException {
        out.printf("tokens per request %d, prompt \"%s\", seed %d, temperature 0.8, %d warm-up requests, median of %d, "
                + "ctx %d, parallel 1, HTTP client: %s%n%n", c.tokens(), PROMPT, c.seed(), WARMUP, c.reps(), CTX,
                c.jdkClient() ? "java.net.http.HttpClient" : "blocking socket");
        out.printf("%-6s %7s | %12s %9s | %12s %9s | %9s%n", "model", "threads", "direct tok/s", "TTFT ms",
                "HTTP tok/s", "TTFT ms", "ratio b/a");
        for (Variant v : c.models()) {
            List<double[]> r = interleaved(List.of(() -> new DirectMeasurer(v.file(), c.threads(), CTX, c.tokens(), c.seed(),
                    PROMPT, c.workDir()), () -> new HttpMeasurer(startRunner(v.file(), c.threads(), 1, CTX), c.tokens(), c.seed(), c.jdkClient())));
            double[] a = r.get(0);
            double[] b = r.get(1);
            out.printf("%-6s %7d | %12.1f %9.1f | %12.1f %9.1f | %9.3f%n", v.label(), c.threads(), a[1], a[0], b[1], b[0], b[1] / a[1]);
            out.flush();
        }
        if (!c.compare().isEmpty()) {
            out.printf("%nthreads comparison, direct path: decode tok/s (TTFT ms)%n%-6s", "model");
            c.compare().forEach(t -> out.printf(" | %-20s", "threads=" + t));
            out.println();
            for (Variant v : c.models()) {
                List<MeasurerFactory> ms = new ArrayList<>();
                for (int t : c.compare()) {
                    ms.add(() -> new DirectMeasurer(v.file(), t, CTX, c.tokens(), c.seed(), PROMPT, c.workDir()));
                }
                out.printf("%-6s", v.label());
                interleaved(ms).forEach(r -> out.printf(" | %9.1f (%7.1f) ", r[1], r[0]));
                out.println();
                out.flush();
            }
        }
        if (!c.streams().isEmpty()) {
            concurrency(c.models().getLast());
        }
    }

    /** Starts every measurer, warms each up, then measures them round-robin; returns each one's median. */
    private List<double[]> interleaved(List<MeasurerFactory> factories) throws IOException, InterruptedException {
        List<Measurer> ms = new ArrayList<>();
        try {
            for (MeasurerFactory f : factories) {
                ms.add(f.start());
            }
            for (Measurer m : ms) {
                for (int i = 0; i < WARMUP; i++) {
                    m.measure();
                }
            }
            List<List<double[]>> results = new ArrayList<>();
            ms.forEach(m -> results.add(new ArrayList<>()));
            for (int rep = 0; rep < c.reps(); rep++) {
                for (int i = 0; i < ms.size(); i++) {
                    // Alternate the order every repetition (ABBA...) so neither path always goes first.
                    int k = rep % 2 == 0 ? i : ms.size() - 1 - i;
                    results.get(k).add(ms.get(k).measure());
                }
            }
            return results.stream().map(RunnerBench::median).toList();
        } finally {
            for (Measurer m : ms) {
                m.close();
            }
        }
    }

    /**
     * For each level n: a runner with --parallel n, then one stream alone and n streams at once. Shows both
     * what batching buys in aggregate and what the extra slots cost a lone request.
     */
    private void concurrency(Variant v) throws IOException, InterruptedException {
        out.printf("%nconcurrent streams on %s (runner --parallel N --threads %d, %d tokens each, median of %d)%n",
                v.label(), c.threads(), c.tokens(), c.reps());
        out.printf("%10s | %14s | %20s | %12s%n", "parallel N", "1 stream tok/s", "N streams, aggr tok/s", "mean TTFT ms");
        for (int n : c.streams()) {
            try (HttpMeasurer h = new HttpMeasurer(startRunner(v.file(), c.threads(), n, n * (c.tokens() + 64)), c.tokens(),
                    c.seed(), c.jdkClient()); ExecutorService pool = Executors.newFixedThreadPool(n)) {
                for (int i = 0; i < WARMUP; i++) {
                    h.measure();
                }
                List<double[]> alone = new ArrayList<>();
                List<double[]> together = new ArrayList<>();
                for (int rep = 0; rep < c.reps(); rep++) {
                    alone.add(h.measure());
                    together.add(concurrent(h, pool, n));
                }
                double[] a = median(alone);
                double[] t = median(together);
                out.printf("%10d | %14.1f | %20.1f | %12.1f%n", n, a[1], t[0], t[1]);
                out.flush();
            }
        }
    }

    /** {aggregate tokens/s over the wall time of n simultaneous streams, mean TTFT ms}. */
    private static double[] concurrent(HttpMeasurer h, ExecutorService pool, int n) throws IOException, InterruptedException {
        List<Future<StreamClient.SseResponse>> fs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            fs.add(pool.submit(h::stream));
        }
        long tokens = 0;
        double ttft = 0;
        for (Future<StreamClient.SseResponse> f : fs) {
            try {
                StreamClient.SseResponse s = f.get();
                tokens += s.events().size() - 2;
                ttft += (s.eventNanos().getFirst() - s.sentNanos()) / 1e6;
            } catch (ExecutionException e) {
                throw new IOException("stream failed: " + e.getCause(), e.getCause());
            }
        }
        return new double[] {tokens / ((System.nanoTime() - t0) / 1e9), ttft / n};
    }

    private RunnerProcess startRunner(Path model, int threads, int parallel, int ctx) throws IOException {
        return RunnerProcess.start(List.of("--model", model.toString(), "--port", "0", "--threads", "" + threads,
                "--parallel", "" + parallel, "--ctx", "" + ctx), c.workDir().resolve("runner-stderr.log"), Duration.ofMinutes(2));
    }

    static double[] median(List<double[]> rows) {
        double[] out = new double[rows.getFirst().length];
        for (int i = 0; i < out.length; i++) {
            int col = i;
            double[] v = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
            out[i] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        return out;
    }

    /** One path under test; {@link #measure()} returns {TTFT ms, decode tokens/s}. */
    interface Measurer extends AutoCloseable {
        double[] measure() throws IOException, InterruptedException;

        @Override
        void close() throws InterruptedException;
    }

    @FunctionalInterface
    interface MeasurerFactory {
        Measurer start() throws IOException, InterruptedException;
    }

    /** Path (b): one streamed /v1/completions request per measurement. */
    static final class HttpMeasurer implements Measurer {
        private final RunnerProcess runner;
        private final Streamer client;
        private final String body;
        private final int tokens;

        HttpMeasurer(RunnerProcess runner, int tokens, int seed, boolean jdkClient) {
            this.runner = runner;
            this.client = jdkClient ? new StreamClient(runner.base(), Optional.empty())::stream : new SocketSseClient(runner.base());
            this.tokens = tokens;
            this.body = "{\"prompt\":\"" + PROMPT + "\",\"max_tokens\":" + tokens + ",\"seed\":" + seed
                    + ",\"temperature\":0.8,\"ignore_eos\":true,\"stream\":true}";
        }

        StreamClient.SseResponse stream() throws IOException, InterruptedException {
            StreamClient.SseResponse s = client.stream("v1/completions", body);
            if (s.status() != 200 || s.events().size() != tokens + 2) { // token chunks, finish chunk, [DONE]
                throw new IOException("unexpected benchmark stream: HTTP " + s.status() + ", " + s.events().size() + " events "
                        + (s.errorBody() == null ? "" : s.errorBody()));
            }
            return s;
        }

        @Override
        public double[] measure() throws IOException, InterruptedException {
            StreamClient.SseResponse s = stream();
            long first = s.eventNanos().getFirst();
            long last = s.eventNanos().get(tokens - 1);
            return new double[] {(first - s.sentNanos()) / 1e6, (tokens - 1) / ((last - first) / 1e9)};
        }

        @Override
        public void close() throws InterruptedException {
            runner.close();
        }
    }
}
