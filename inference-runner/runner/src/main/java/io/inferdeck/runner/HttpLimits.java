package io.inferdeck.runner;

import java.time.Duration;

/**
 * What one client connection may cost the API server. Jetty parses headers without a thread, so a client
 * that drips header bytes holds only a connection, and only until {@code headerTimeout}; {@code
 * maxConnections} caps those. Handler threads are bounded separately (slots + queue + a reserve).
 *
 * @param maxBodyBytes   largest request body; larger ones get 413 (a full-context prompt is far smaller)
 * @param maxHeaderBytes request line plus all headers; larger ones get 431 (this also caps the header count)
 * @param headerTimeout  time from connect until the first request's headers are complete
 * @param idleTimeout    a connection with no traffic while no request is being handled is closed after this
 * @param maxConnections open connections; beyond it Jetty stops accepting until one closes
 */
record HttpLimits(int maxBodyBytes, int maxHeaderBytes, Duration headerTimeout, Duration idleTimeout, int maxConnections) {
    static final HttpLimits DEFAULTS = new HttpLimits(8 << 20, 16 << 10, Duration.ofSeconds(10), Duration.ofSeconds(30), 512);

    HttpLimits withHeaderTimeout(Duration d) {
        return new HttpLimits(maxBodyBytes, maxHeaderBytes, d, idleTimeout, maxConnections);
    }
}
