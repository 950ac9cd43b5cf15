package io.inferdeck.runner;

import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The runner's HTTP API on Jetty 12 (core API, no servlets); the endpoints are in {@link ApiHandler}.
 * Requests run on a bounded pool of named platform threads ("runner-http-N"), because generation blocks in
 * native code, which would hold a virtual thread's carrier: {@code slots + queue} threads can wait on
 * {@link SlotGate} and a reserve answers /health, /metrics and refusals meanwhile. Every HTTP-level
 * refusal is OpenAI error JSON ({@link JsonErrorHandler}); the limits are {@link HttpLimits}.
 */
final class ApiServer {
    /** Threads beyond slots + queue: Jetty's acceptor and selector, and quick answers while all slots wait. */
    static final int RESERVE_THREADS = 16;

    /** Where to listen and what to accept; {@code allowedOrigins} are the web origins a browser may call from. */
    record Config(String host, int port, HttpLimits http, InputLimits inputs, List<String> allowedOrigins) {
        Config {
            allowedOrigins = List.copyOf(allowedOrigins);
        }

        static Config of(RunnerOptions o) {
            return new Config(o.host(), o.port(), HttpLimits.DEFAULTS, o.inputLimits(), o.allowedOrigins());
        }

        /** Default limits and no allowed origins, e.g. for tests. */
        static Config defaults(String host, int port) {
            return new Config(host, port, HttpLimits.DEFAULTS, InputLimits.DEFAULTS, List.of());
        }
    }

    private final Server server;
    private final ServerConnector connector;

    private ApiServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static ApiServer start(String host, int port, RunnerState state, RunnerMetrics metrics, SlotGate gate, BearerAuth auth)
            throws IOException {
        return start(Config.defaults(host, port), state, metrics, gate, auth);
    }

    static ApiServer start(Config c, RunnerState state, RunnerMetrics metrics, SlotGate gate, BearerAuth auth)
            throws IOException {
        QueuedThreadPool pool = new QueuedThreadPool(gate.slots() + gate.queue() + RESERVE_THREADS, 4);
        pool.setName("runner-http");
        pool.setDaemon(true);
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(c.http().connections().httpConfiguration()));
        connector.setHost(c.host());
        connector.setPort(c.port());
        server.addConnector(connector);
        c.http().connections().applyTo(server, connector);
        server.setErrorHandler(new JsonErrorHandler());
        server.setHandler(new GracefulHandler(new ApiHandler(state, metrics, gate, auth,
                new BrowserGuard(c.host(), c.allowedOrigins()), c.http().maxBodyBytes(), c.inputs())));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        return new ApiServer(server, connector);
    }

    int port() {
        return connector.getLocalPort();
    }

    /** Connections open now (those Jetty has not yet seen closed). */
    int openConnections() {
        return connector.getConnectedEndPoints().size();
    }

    /** Stops listening, lets requests finish for up to {@code graceSeconds}, then closes what is left. */
    void stop(int graceSeconds) {
        server.setStopTimeout(graceSeconds * 1000L);
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            RunnerLog.error("HTTP server did not stop cleanly: " + e.getMessage());
        }
    }
}
