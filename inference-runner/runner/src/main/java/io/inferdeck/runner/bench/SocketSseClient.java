package io.inferdeck.runner.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's default SSE client: one blocking socket and the calling thread, nothing else, so that on a
 * 2-core machine the client adds as few threads and wake-ups as possible beside the engine it measures
 * ({@code runner-bench --jdk-client} measures with java.net.http.HttpClient instead, for comparison).
 * Speaks just enough HTTP/1.1: one POST per connection (connect time counts in TTFT), chunked response.
 * Timestamps each {@code data:} event when its last byte has been read. Thread-safe.
 */
final class SocketSseClient implements RunnerBench.Streamer {
    private final URI base;

    SocketSseClient(URI base) {
        this.base = base;
    }

    @Override
    public StreamClient.SseResponse stream(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST /" + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n";
        long sent = System.nanoTime();
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            OutputStream out = s.getOutputStream();
            out.write(concat(head.getBytes(StandardCharsets.US_ASCII), body));
            out.flush();
            InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
            String status = line(in);
            int code = Integer.parseInt(status.split(" ")[1]);
            boolean chunked = false;
            for (String h; !(h = line(in)).isEmpty(); ) {
                chunked |= h.toLowerCase(java.util.Locale.ROOT).startsWith("transfer-encoding:") && h.contains("chunked");
            }
            if (code != 200 || !chunked) {
                return new StreamClient.SseResponse(code, sent, List.of(), List.of(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            List<String> events = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(line(in).strip(), 16)) > 0; ) {
                pending.write(in.readNBytes(size));
                line(in); // CRLF after the chunk
                String text = pending.toString(StandardCharsets.UTF_8);
                int end = text.lastIndexOf("\n\n");
                if (end < 0) {
                    continue;
                }
                long now = System.nanoTime();
                for (String l : text.substring(0, end).split("\n")) {
                    if (l.startsWith("data: ")) {
                        events.add(l.substring(6));
                        times.add(now);
                    }
                }
                byte[] rest = text.substring(end + 2).getBytes(StandardCharsets.UTF_8);
                pending.reset();
                pending.write(rest);
            }
            return new StreamClient.SseResponse(200, sent, events, times, null);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
