package io.inferdeck.common.net;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * What one client connection may cost an InferDeck HTTP server (the runner's API, the gateway, the GPU exporter),
 * applied to a Jetty connector in one place. Jetty parses headers without a thread, so a client that drips header
 * bytes holds only a connection, and only until {@code headerTimeout}; {@code maxConnections} caps how many
 * connections are open at once (beyond it Jetty stops accepting until one closes: further clients wait in the
 * kernel's bounded accept backlog instead of costing memory). Immutable.
 *
 * @param maxHeaderBytes request line plus all headers; larger ones get 431 (this also caps the header count)
 * @param headerTimeout  time from connect until the first request's headers are complete
 * @param idleTimeout    a connection with no traffic while no request is being handled is closed after this
 * @param maxConnections open connections at once
 */
public record ServerLimits(int maxHeaderBytes, Duration headerTimeout, Duration idleTimeout, int maxConnections) {
    public ServerLimits {
        if (maxHeaderBytes <= 0 || maxConnections <= 0 || !headerTimeout.isPositive() || !idleTimeout.isPositive()) {
            throw new IllegalArgumentException("server limits must be positive");
        }
    }

    public ServerLimits withHeaderTimeout(Duration d) {
        return new ServerLimits(maxHeaderBytes, d, idleTimeout, maxConnections);
    }

    public ServerLimits withMaxConnections(int n) {
        return new ServerLimits(maxHeaderBytes, headerTimeout, idleTimeout, n);
    }

    /** An HTTP configuration with the header size limit, not naming the server's version. */
    public HttpConfiguration httpConfiguration() {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(maxHeaderBytes);
        http.setSendServerVersion(false);
        return http;
    }

    /** Sets the idle timeout, the header deadline and the connection cap on {@code connector} of {@code server}. */
    public void applyTo(Server server, ServerConnector connector) {
        connector.setIdleTimeout(idleTimeout.toMillis());
        connector.addEventListener(new HeaderDeadline(connector, headerTimeout.toMillis()));
        server.addBean(new NetworkConnectionLimit(maxConnections, connector));
    }

    /**
     * Closes a connection whose first request's headers are not complete {@code timeoutMs} after connecting.
     * Jetty's idle timeout alone restarts with every byte, so a client dripping one header byte at a time
     * would otherwise keep its connection for ever.
     */
    private record HeaderDeadline(ServerConnector connector, long timeoutMs) implements Connection.Listener {
        @Override
        public void onOpened(Connection c) {
            connector.getScheduler().schedule(() -> {
                if (c.getMessagesIn() == 0 && c.getEndPoint().isOpen()) {
                    c.getEndPoint().close();
                }
            }, timeoutMs, TimeUnit.MILLISECONDS);
        }
    }
}
