package io.inferdeck.services.traffic;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads {@code GET /inferdeck/requests} from an InferDeck gateway, with the gateway's Bearer key when one is
 * given. Bounded: connect and request timeouts, answers over {@link #MAX_BODY_BYTES} refused, redirects not
 * followed. Blocks, so never call it on the FX thread. One client per gateway; thread-safe (the underlying
 * {@link HttpClient} is).
 */
public final class TrafficClient implements TrafficSource {
    public static final String PATH = "/inferdeck/requests";
    /** A full default ring (2,000 requests) is about 0.7 MB; captured prompts make entries larger. */
    static final int MAX_BODY_BYTES = 64 << 20;

    private final URI base;
    private final Optional<String> apiKey;
    private final Duration timeout;
    private final HttpClient client;

    /** An HTTP answer other than 200; {@code status} lets a caller say what to do about it. */
    public static final class Refused extends IOException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** @param base the gateway's base URL (see {@link #gatewayUrl}) */
    public TrafficClient(URI base, Optional<String> apiKey, Duration timeout) {
        this.base = Objects.requireNonNull(base, "base");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * A gateway's base URL from what an operator types: {@code http://h:p}, with or without a trailing
     * slash or the {@code /inferdeck/requests} path.
     *
     * @throws IllegalArgumentException when it is not an http(s) URL with a host, or has another path
     */
    public static URI gatewayUrl(String url) {
        try {
            URI uri = new URI(url.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL with a host: " + url);
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (!(path.isEmpty() || path.equals("/") || path.equals(PATH))) {
                throw new IllegalArgumentException("give the gateway's base URL (http://host:port), not " + path);
            }
            return new URI(uri.getScheme(), uri.getRawAuthority(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url + " (" + e.getMessage() + ")", e);
        }
    }

    /** Where {@link #fetch} reads for {@code limit}. */
    public URI url(OptionalInt limit) {
        String b = base.toString();
        String root = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        return URI.create(root + PATH + (limit.isPresent() ? "?limit=" + limit.getAsInt() : ""));
    }

    @Override
    public TrafficPage fetch(OptionalInt limit) throws IOException, InterruptedException {
        URI url = url(limit);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET().header("Accept", "application/json");
        apiKey.ifPresent(k -> request.header("Authorization", "Bearer " + k));
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException("cannot read the request log at " + url + ": " + describe(e), e);
        }
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            String text = new String(bytes, 0, Math.min(bytes.length, MAX_BODY_BYTES), StandardCharsets.UTF_8);
            if (response.statusCode() != 200) {
                String first = text.lines().findFirst().orElse("").strip();
                throw new Refused(response.statusCode(), "GET " + url + " answered " + response.statusCode()
                        + (first.isEmpty() ? "" : ": " + (first.length() > 200 ? first.substring(0, 200) : first)));
            }
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IOException("GET " + url + " returned more than " + MAX_BODY_BYTES + " bytes; refusing it");
            }
            try {
                return TrafficJson.parse(text);
            } catch (TrafficFormatException e) {
                throw new TrafficFormatException("GET " + url + ": " + e.getMessage());
            }
        }
    }

    /** java.net.http often throws with a null message (e.g. ConnectException): name the class then. */
    private static String describe(IOException e) {
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
    }

    @Override
    public void close() {
        client.close();
    }
}
