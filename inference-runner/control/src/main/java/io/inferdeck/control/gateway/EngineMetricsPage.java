package io.inferdeck.control.gateway;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The /metrics page of one healthy upstream, appended after the gateway's own families on the gateway's
 * /metrics (as the router served one replica's page before), so a dashboard pointed at the gateway still
 * sees the engine's own figures (KV cache, queue) where the engine has them. Its names never collide with
 * the gateway's ({@code inferdeck_gateway_*}). Empty when no upstream answers within the timeout.
 */
final class EngineMetricsPage {
    private final HttpClient client;
    private final UpstreamPool pool;
    private final GatewayConfig config;

    EngineMetricsPage(HttpClient client, UpstreamPool pool, GatewayConfig config) {
        this.client = client;
        this.pool = pool;
        this.config = config;
    }

    Optional<String> fetch() throws InterruptedException {
        Optional<Upstream> u = pool.pick(List.of());
        if (u.isEmpty()) {
            return Optional.empty();
        }
        var request = client.newRequest(u.get().baseUrl().resolve("/metrics"))
                .timeout(config.healthTimeout().toMillis(), TimeUnit.MILLISECONDS);
        config.apiKey().ifPresent(k -> request.headers(h -> h.put(HttpHeader.AUTHORIZATION, "Bearer " + k)));
        try {
            ContentResponse r = request.send();
            return r.getStatus() == 200 ? Optional.of(r.getContentAsString()) : Optional.empty();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return Optional.empty();   // the engine has no /metrics or is busy: the gateway's figures stand alone
        }
    }
}
