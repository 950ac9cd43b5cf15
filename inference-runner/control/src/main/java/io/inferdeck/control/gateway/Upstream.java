package io.inferdeck.control.gateway;

import io.inferdeck.control.driver.OpenAiSupport;
import io.inferdeck.control.launch.HealthCheck;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One engine behind the gateway. It takes traffic only while its owner says it may ({@code ready}: a
 * supervised replica is Ready, an attached engine answers its checks), its last active health check passed, and it
 * was not ejected for refusing a connection since. Thread-safe: flags are volatile, written by the health
 * checker and the request threads.
 *
 * <p>Who probes it: with {@code probedByOwner} its owner's probe is the only one its engine gets (a deployment's
 * replicas: the {@code EngineSupervisor} or {@code AttachedEngine} turns a hung or dead engine un-Ready, so
 * {@code ready} already carries the verdict, and tells the gateway of each pass through
 * {@link Gateway#probePassed}); otherwise the gateway's own {@link HealthProbe} checks it (a gateway with no owner
 * behind it: the bench's self-test, tests).
 *
 * <p>{@code id} is the label value in metrics and the request log (e.g. {@code replica-0}); {@code health}
 * is what the active check asks (the engine driver's readiness probe). {@code comingBack} says whether its owner
 * will bring it back without an operator (a supervised replica that is starting, restarting or was just killed):
 * only then do requests wait for it (see {@link GatewayConfig#hold()}); an upstream nobody restarts (stopped,
 * given up, attached engines) is answered with 503 at once. {@code api} is what its engine takes of OpenAI's
 * request surface (its driver's {@link io.inferdeck.control.driver.EngineDriver#openAi()}).
 */
public final class Upstream {
    private final String id;
    private final URI baseUrl;
    private final HealthCheck health;
    private final BooleanSupplier ready;
    private final BooleanSupplier comingBack;
    private final OpenAiSupport api;
    private final boolean probedByOwner;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final InFlightCalls calls = new InFlightCalls();
    private volatile boolean probeHealthy = true;
    private volatile boolean ejected;

    /** An upstream nobody restarts: requests never wait for it. */
    public Upstream(String id, URI baseUrl, HealthCheck health, BooleanSupplier ready) {
        this(id, baseUrl, health, ready, () -> false);
    }

    public Upstream(String id, URI baseUrl, HealthCheck health, BooleanSupplier ready, BooleanSupplier comingBack) {
        this(id, baseUrl, health, ready, comingBack, OpenAiSupport.PASS_THROUGH);
    }

    /** Probed by the gateway's own health check. */
    public Upstream(String id, URI baseUrl, HealthCheck health, BooleanSupplier ready, BooleanSupplier comingBack,
                    OpenAiSupport api) {
        this(id, baseUrl, health, ready, comingBack, api, false);
    }

    /** @param probedByOwner its owner probes it and reports passes to {@link Gateway#probePassed}: the gateway never does */
    public Upstream(String id, URI baseUrl, HealthCheck health, BooleanSupplier ready, BooleanSupplier comingBack,
                    OpenAiSupport api, boolean probedByOwner) {
        this.probedByOwner = probedByOwner;
        this.api = Objects.requireNonNull(api, "api");
        this.comingBack = Objects.requireNonNull(comingBack, "comingBack");
        this.id = Objects.requireNonNull(id, "id");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.health = Objects.requireNonNull(health, "health");
        this.ready = Objects.requireNonNull(ready, "ready");
    }

    public String id() {
        return id;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public HealthCheck health() {
        return health;
    }

    public OpenAiSupport api() {
        return api;
    }

    /** Whether its owner's probe, not the gateway's, checks it. */
    public boolean probedByOwner() {
        return probedByOwner;
    }

    public boolean ready() {
        return ready.getAsBoolean();
    }

    /** May take a new request now. */
    public boolean healthy() {
        return !ejected && probeHealthy && ready();
    }

    /** Not healthy now, but its owner is bringing it back (worth a short wait). */
    public boolean comingBack() {
        return !healthy() && comingBack.getAsBoolean();
    }

    public int inFlight() {
        return inFlight.get();
    }

    void begin() {
        inFlight.incrementAndGet();
    }

    void end() {
        inFlight.decrementAndGet();
    }

    /** Connection refused: no more traffic until a health check passes again. */
    void eject() {
        ejected = true;
    }

    /** Its calls in flight: {@link #takenOut} ends them. */
    InFlightCalls calls() {
        return calls;
    }

    /**
     * Result of one active health check; a pass also lifts an ejection, a failure takes it out of rotation and
     * ends its calls in flight ({@link #takenOut}).
     */
    void probed(boolean ok) {
        probeHealthy = ok;
        if (ok) {
            ejected = false;
        } else {
            takenOut();
        }
    }

    /**
     * It may no longer take traffic (a failed health check, its owner made it un-Ready): the calls it is serving are
     * ended at once (see {@link InFlightCalls}) instead of waiting for the upstream timeouts. Does not block.
     */
    void takenOut() {
        calls.cut(id);
    }

    @Override
    public String toString() {
        return id + " " + baseUrl;
    }
}
