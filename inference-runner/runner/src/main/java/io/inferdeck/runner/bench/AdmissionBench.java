package io.inferdeck.runner.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Issue 21's admission figures against a real runner process, printed, never asserted: (1) how fast an
 * oversized request (20,000 one-word messages, ~400 KB) is refused, client-side wall time and the runner's
 * CPU time per refusal; (2) the runner's CPU use after a client abandons a long streamed generation, in the
 * first and the second second after it left, beside the idle runner's CPU over one second. CPU time is the
 * process's user + system time from the OS ({@link ProcessHandle.Info#totalCpuDuration()}), so it includes
 * every runner thread (JVM, HTTP, llama.cpp). Single-threaded client on one blocking socket per request.
 */
public final class AdmissionBench {
    private final Path model;
    private final int refusals;
    private final Path workDir;
    private final PrintWriter out;

    public AdmissionBench(Path model, int refusals, Path workDir, PrintWriter out) {
        this.model = model;
        this.refusals = refusals;
        this.workDir = workDir;
        this.out = out;
    }

    public void run() throws IOException, InterruptedException {
        RunnerProcess runner = RunnerProcess.start(List.of("--model", model.toString(), "--port", "0", "--threads", "1",
                "--parallel", "1"), workDir.resolve("admission-stderr.log"), Duration.ofMinutes(2));
        try {
            refusals(runner);
            abandoned(runner);
        } finally {
            runner.stop(Duration.ofSeconds(10));
        }
    }

    private void refusals(RunnerProcess runner) throws IOException, InterruptedException {
        StringBuilder b = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < 20_000; i++) {
            b.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"w").append(i).append("\"}");
        }
        byte[] body = b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            post(runner.base(), "v1/chat/completions", body, false);   // warm-up: JIT, connection handling
        }
        double[] ms = new double[refusals];
        long cpu0 = cpuNanos(runner);
        String status = "";
        for (int i = 0; i < refusals; i++) {
            long t0 = System.nanoTime();
            status = post(runner.base(), "v1/chat/completions", body, false);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double cpuPer = (cpuNanos(runner) - cpu0) / 1e6 / refusals;
        Arrays.sort(ms);
        out.printf("20,000-message body (%d bytes) → %s: refused in p50 %.1f ms, p95 %.1f ms, max %.1f ms (n=%d); "
                        + "runner CPU %.1f ms per refusal%n", body.length, status, pct(ms, 0.50), pct(ms, 0.95),
                ms[ms.length - 1], refusals, cpuPer);
        out.flush();
    }

    private void abandoned(RunnerProcess runner) throws IOException, InterruptedException {
        Thread.sleep(1000);
        long idle0 = cpuNanos(runner);
        Thread.sleep(1000);
        double idleMs = (cpuNanos(runner) - idle0) / 1e6;
        byte[] body = ("{\"prompt\":\"the river\",\"max_tokens\":100000,\"ignore_eos\":true,\"stream\":true}")
                .getBytes(StandardCharsets.UTF_8);
        post(runner.base(), "v1/completions", body, true);   // reads the first bytes of the stream, then leaves
        long left = cpuNanos(runner);
        Thread.sleep(1000);
        long oneSecondLater = cpuNanos(runner);
        Thread.sleep(1000);
        long twoSecondsLater = cpuNanos(runner);
        out.printf("client left a streamed generation: runner CPU %.0f ms in the 1st second after, %.0f ms in the 2nd; "
                        + "idle runner %.0f ms per second%n", (oneSecondLater - left) / 1e6,
                (twoSecondsLater - oneSecondLater) / 1e6, idleMs);
        out.flush();
    }

    /** Sends one POST; returns the status line's code, or, with {@code leaveEarly}, closes after the first read. */
    private static String post(URI base, String path, byte[] body, boolean leaveEarly) throws IOException {
        String head = "POST /" + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n";
        try (Socket s = new Socket()) {
            s.setSoTimeout(60_000);
            s.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            OutputStream o = s.getOutputStream();
            o.write(head.getBytes(StandardCharsets.US_ASCII));
            o.write(body);
            o.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            int n = in.read(buf);
            String first = n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
            if (!leaveEarly) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return first.length() >= 12 ? "HTTP " + first.substring(9, 12) : "no response";
        }
    }

    private static long cpuNanos(RunnerProcess runner) {
        return runner.process().info().totalCpuDuration().map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("the OS does not report the runner's CPU time"));
    }

    private static double pct(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
