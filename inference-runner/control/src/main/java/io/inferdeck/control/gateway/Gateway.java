package io.inferdeck.control.gateway;

import io.inferdeck.control.driver.OpenAiSupport;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The InferDeck gateway: the OpenAI-compatible front door of a deployment (Jetty 12, one virtual thread per
 * request). Routes over its {@link UpstreamPool}, measures every request into {@link GatewayMetrics}
 * (served on {@code /metrics}) and keeps a {@link RequestLog} (served on {@code /inferdeck/requests}); answers
 * repeated deterministic completions from its response cache when the config has one ({@link CacheFront}).
 *
 * <p>Health: an upstream whose owner probes it ({@link Upstream#probedByOwner()}: a deployment's replicas) is never
 * probed here: its owner's state says whether it may take traffic and its owner reports each passed probe
 * ({@link #probePassed}); the others get the gateway's active health check ({@link HealthProbe}).
 *
 * <p>Threads: Jetty's server and client run on their own virtual threads, stopped by {@link #close()}; the
 * active health check is scheduled on the executor passed to {@link #start} and only fires asynchronous
 * requests there, so it may share a thread that must never block (the supervisor's).
 */
public final class Gateway implements AutoCloseable {
    private final GatewayConfig config;
    private final UpstreamPool pool;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final RequestLog log;
    private final HttpClient client = new HttpClient();
    private final Server server;
    private final ServerConnector connector;
    private final HealthProbe probe;
    private final UpstreamHold hold;
    private final SafetyGate safety;

    public Gateway(GatewayConfig config, List<Upstream> upstreams, Clock clock) {
        this(config, upstreams, clock, GatewayExtensions.NONE);
    }

    public Gateway(GatewayConfig config, List<Upstream> upstreams, Clock clock, GatewayExtensions extensions) {
        this.config = config;
        this.pool = new UpstreamPool(upstreams);
        this.log = new RequestLog(config.logCapacity(),
                config.logFile().map(f -> new JsonlFile(f, config.logFileMaxBytes(), 3)));
        VirtualThreadPool clientThreads = new VirtualThreadPool();
        clientThreads.setName("gateway-client");
        client.setExecutor(clientThreads);
        client.setConnectTimeout(config.connectTimeout().toMillis());
        // the idle timeout forwarded requests set: a pooled connection then keeps one value, instead of its idle
        // check being cancelled and scheduled again each time a request takes and releases it
        client.setIdleTimeout(config.streamIdleTimeout().toMillis());
        client.setFollowRedirects(false);
        client.setMaxConnectionsPerDestination(1024);
        // a proxy keeps no cookies: one client's Set-Cookie must not ride on another's requests (and matching
        // cookies costs every request a URI)
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        VirtualThreadPool serverThreads = new VirtualThreadPool();
        serverThreads.setName("gateway");
        server = new Server(serverThreads);
        HttpConfiguration http = config.clients().httpConfiguration();
        // model ids such as org/model arrive as org%2Fmodel (OpenAI's clients encode path parameters); paths are
        // matched raw here and forwarded as they came, so an encoded slash cannot reach another route
        http.setUriCompliance(UriCompliance.DEFAULT.with("model ids", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        config.clients().applyTo(server, connector);   // header deadline, idle timeout, connection cap
        server.setErrorHandler(new JsonErrorHandler());
        hold = new UpstreamHold(config.maxHolding());
        safety = new SafetyGate(extensions, metrics);   // owns the live filter: closed with the gateway
        ProxyCall proxy = new ProxyCall(pool, new Forwarder(client, config), metrics, log, clock, hold, config.hold(), safety,
                CacheFront.of(config, metrics, log, clock));
        Admission admission = extensions.admission().orElse(Admission::profileKeyOrOpen).forProfileKey(config.apiKey());
        RequestCompat compat = new RequestCompat(OpenAiSupport.common(upstreams.stream().map(Upstream::api).toList()));
        server.setHandler(new GatewayHandler(config, pool, metrics, log, proxy, new EngineMetricsPage(client, pool, config),
                admission, compat, new ModelLookup(client, pool, config)));
        probe = new HealthProbe(client, pool.all(), config, hold::changed);
    }

    /** Binds the port and starts the health check on {@code scheduler}. @throws IOException when the port is taken */
    public void start(ScheduledExecutorService scheduler) throws IOException {
        try {
            client.start();
            server.start();
        } catch (IOException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new IOException("gateway did not start on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        probe.start(scheduler);
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Client connections open now (those Jetty accepted and has not yet seen closed). */
    public int openConnections() {
        return connector.getConnectedEndPoints().size();
    }

    public URI baseUrl() {
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /**
     * The owner of the upstreams says one changed state (e.g. a replica turned Ready): requests waiting for an
     * upstream re-check at once, and the ready upstreams the gateway probes itself are probed now instead of at
     * the next interval; the calls in flight on an upstream its owner no longer calls ready are ended ({@link
     * InFlightCalls}). Only fires asynchronous requests and aborts: safe on a thread that must not block.
     */
    public void upstreamsChanged() {
        for (Upstream u : pool.all()) {
            if (!u.ready()) {
                u.takenOut();   // its owner's probe failed (hung, stopped) or it is down: its calls go elsewhere now
            }
        }
        probe.probeAll();
        hold.changed();
    }

    /**
     * The owner of {@code u} probed it and found it ready: lifts an ejection (a refused connection since) and wakes
     * requests waiting for an upstream, as a pass of the gateway's own check does. Does not block.
     */
    public void probePassed(Upstream u) {
        u.probed(true);
        hold.changed();
    }

    /** Requests waiting now for an upstream to come back. */
    public int holding() {
        return hold.holding();
    }

    public UpstreamPool upstreams() {
        return pool;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    public RequestLog requestLog() {
        return log;
    }

    @Override
    public void close() {
        probe.close();
        hold.close();
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping is best effort: the process may be on its way out
        }
        try {
            client.stop();
        } catch (Exception ignored) {
            // as above
        }
        log.close();
        safety.close();
    }
}
