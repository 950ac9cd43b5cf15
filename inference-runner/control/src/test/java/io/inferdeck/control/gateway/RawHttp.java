package io.inferdeck.control.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 POST over a plain loopback socket that keeps the reply's chunked framing: a test sees each chunk
 * the server wrote (an {@code HttpClient} would hand over the bytes in its own portions). The connection stays
 * persistent (with {@code Connection: close} a server may send the body unframed, up to the close).
 */
record RawHttp(int status, Map<String, String> headers, List<byte[]> chunks) {

    static RawHttp post(int port, String path, String body, String... extraHeaders) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + payload.length + "\r\n");
            for (String h : extraHeaders) {
                head.append(h).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static RawHttp read(InputStream in) throws IOException {
        int status = Integer.parseInt(line(in).split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l; !(l = line(in)).isEmpty(); ) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
        }
        List<byte[]> chunks = new ArrayList<>();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size; (size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) > 0; ) {
                chunks.add(in.readNBytes(size));
                line(in);   // the CRLF after the chunk
            }
        } else {
            chunks.add(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))));
        }
        return new RawHttp(status, headers, chunks);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("connection closed mid-line");
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII).strip();
    }

    String body() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEach(all::writeBytes);
        return all.toString(StandardCharsets.UTF_8);
    }
}
