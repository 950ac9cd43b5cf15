package io.inferdeck.runner;

import io.inferdeck.common.net.ServerLimits;
import java.time.Duration;

/**
 * What one client request and connection may cost the API server: the connection limits every InferDeck server
 * applies ({@link ServerLimits}: header size, header deadline, idle timeout, connection cap) and the body size.
 * Handler threads are bounded separately (slots + queue + a reserve).
 *
 * @param maxBodyBytes largest request body; larger ones get 413 (a full-context prompt is far smaller)
 */
record HttpLimits(int maxBodyBytes, ServerLimits connections) {
    static final HttpLimits DEFAULTS = new HttpLimits(8 << 20,
            new ServerLimits(16 << 10, Duration.ofSeconds(10), Duration.ofSeconds(30), 512));

    HttpLimits withHeaderTimeout(Duration d) {
        return new HttpLimits(maxBodyBytes, connections.withHeaderTimeout(d));
    }
}
