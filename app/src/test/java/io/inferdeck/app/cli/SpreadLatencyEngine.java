package io.inferdeck.app.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback OpenAI-compatible engine with a realistic latency spread and no {@code /metrics} at all (404), as
 * a {@code remote} engine may be: {@code GET /v1/models} and streamed {@code POST /v1/chat/completions}. Each
 * reply waits a time to first token drawn from a log-normal distribution (median {@link #TTFT_MEDIAN_MS} unless
 * given, σ {@link #SIGMA}, seeded, clipped to 1/8 of the median..5 s: a few slow prompts, most quick), then
 * streams {@link #TOKENS} content events {@link #GAP_MS} apart, then usage and {@code [DONE]}. Public for the
 * console's screenshots of a Dashboard fed by the gateway alone.
 */
public final class SpreadLatencyEngine implements AutoCloseable {
    public static final String MODEL = "remote-model";
    static final double TTFT_MEDIAN_MS = 800;
    static final double SIGMA = 0.5;
    static final int TOKENS = 8;
    static final long GAP_MS = 40;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Random random;
    private final double medianMs;

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");   // small SSE events must not wait on Nagle
    }

    SpreadLatencyEngine(long seed) throws IOException {
        this(seed, TTFT_MEDIAN_MS);
    }

    /** @param medianMs the median time to first token (the floor is 1/8 of it: 100 ms for the default) */
    public SpreadLatencyEngine(long seed, double medianMs) throws IOException {
        random = new Random(seed);
        this.medianMs = medianMs;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            if (path.equals("/v1/models")) {
                byte[] body = ("{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL + "\",\"object\":\"model\"}]}").getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            } else if (path.equals("/v1/chat/completions") && ex.getRequestMethod().equals("POST")) {
                stream(ex);
            } else {
                ex.sendResponseHeaders(404, -1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stream(HttpExchange ex) throws IOException, InterruptedException {
        double gaussian;
        synchronized (random) {
            gaussian = random.nextGaussian();
        }
        long ttft = Math.round(Math.min(5000, Math.max(medianMs / 8, medianMs * Math.exp(SIGMA * gaussian))));
        Thread.sleep(ttft);
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        for (int i = 0; i < TOKENS; i++) {
            if (i > 0) {
                Thread.sleep(GAP_MS);
            }
            event(out, "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w" + i + " \"}}]}");
        }
        event(out, "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":" + TOKENS + ",\"total_tokens\":" + (12 + TOKENS) + "}}");
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void event(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
