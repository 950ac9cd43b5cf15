package io.inferdeck.control.gateway;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Active health check of the upstreams no owner probes ({@link Upstream#probedByOwner()} false; none for a
 * deployment, whose replicas probe their own engines): every interval, an asynchronous GET of each one's health path; an answer
 * outside the ready statuses, an error, or no answer within the timeout marks it unhealthy, the next pass
 * marks it healthy again (and lifts an ejection). The scheduler thread only fires the requests: the
 * answers arrive on the HTTP client's threads, so a hung upstream never blocks the scheduler. Every passed
 * check calls {@code passed} (it wakes requests waiting for an upstream; they re-check, so extra calls are harmless).
 */
final class HealthProbe implements AutoCloseable {
    private final HttpClient client;
    private final List<Upstream> upstreams;
    private final GatewayConfig config;
    private final Optional<String> authorization;
    private final Runnable passed;
    private ScheduledFuture<?> task;

    HealthProbe(HttpClient client, List<Upstream> upstreams, GatewayConfig config, Runnable passed) {
        this.passed = passed;
        this.client = client;
        this.upstreams = upstreams.stream().filter(u -> !u.probedByOwner()).toList();
        this.config = config;
        this.authorization = config.apiKey().map(k -> "Bearer " + k);
    }

    /** Schedules the checks; nothing when every upstream has an owner that probes it. */
    void start(ScheduledExecutorService scheduler) {
        if (upstreams.isEmpty()) {
            return;
        }
        long period = config.healthInterval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::probeAll, period, period, TimeUnit.MILLISECONDS);
    }

    void probeAll() {
        for (Upstream u : upstreams) {
            if (!u.ready()) {
                continue;   // the supervisor already keeps traffic away; its own probe decides readiness
            }
            var request = client.newRequest(u.baseUrl().resolve(u.health().path()))
                    .timeout(config.healthTimeout().toMillis(), TimeUnit.MILLISECONDS);
            authorization.ifPresent(a -> request.headers(h -> h.put(HttpHeader.AUTHORIZATION, a)));
            request.send(result -> {
                boolean ok = result.isSucceeded() && u.health().ready(result.getResponse().getStatus());
                u.probed(ok);
                if (ok) {
                    passed.run();
                }
            });   // an owner's pass takes the same path: Gateway.probePassed
        }
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
