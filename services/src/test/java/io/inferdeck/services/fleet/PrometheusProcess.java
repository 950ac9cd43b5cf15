package io.inferdeck.services.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code prometheus} server (Debian's package, on PATH) on a free loopback port, with its TSDB in
 * {@code dir/data} and its log in {@code dir/prometheus.log}. {@link #close} kills it forcibly and waits for it, so
 * no test leaves one running.
 */
final class PrometheusProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final URI base;

    private PrometheusProcess(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /** Starts it on {@code config} and waits (at most {@code ready}) for {@code /-/ready}. */
    static PrometheusProcess start(Path binary, Path config, Path dir, Duration ready) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();   // a small race with other processes; the readiness wait reports it
        }
        Path log = dir.resolve("prometheus.log");
        Process p = new ProcessBuilder(List.of(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusProcess prom = new PrometheusProcess(p, log, URI.create("http://127.0.0.1:" + port));
        try {
            prom.awaitReady(ready);
        } catch (IOException | RuntimeException e) {
            prom.close();
            throw e;
        }
        return prom;
    }

    URI base() {
        return base;
    }

    /** Its log so far (shown when a test fails). */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    private void awaitReady(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("prometheus exited with " + process.exitValue() + ":\n" + log());
                }
                try {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve("/-/ready"))
                            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
        }
        throw new IOException("prometheus not ready within " + limit + ":\n" + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
