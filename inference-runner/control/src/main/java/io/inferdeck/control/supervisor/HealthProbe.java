package io.inferdeck.control.supervisor;

import io.inferdeck.control.launch.HealthCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The readiness probe shared by launched replicas ({@link EngineSupervisor}) and attached engines
 * ({@link AttachedEngine}): a GET of the driver's {@link HealthCheck} path, bounded by its timeout over
 * the whole exchange (connect, headers and body). It never blocks the caller: the exchange runs on the HTTP
 * client's threads. A stalled exchange is cancelled, not left open. Thread-safe.
 */
final class HealthProbe implements AutoCloseable {
    /** For attached engines, which may be across a network. */
    static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(1);

    private final Duration timeout;
    private final HttpClient http;

    HealthProbe(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * @param apiKey sent as a bearer token when not null (an attached engine may guard every path with it)
     * @return completes with whether the engine answered as ready; never completes exceptionally
     */
    CompletableFuture<Boolean> ready(URI baseUrl, HealthCheck check, String apiKey) {
        HttpRequest.Builder req = HttpRequest.newBuilder(baseUrl.resolve(check.path())).timeout(timeout);
        if (apiKey != null) {
            req.header("Authorization", "Bearer " + apiKey);
        }
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(req.build(), HttpResponse.BodyHandlers.discarding());
        return exchange.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((response, failure) -> {
            if (failure != null) {
                exchange.cancel(true);
                return false;
            }
            return check.ready(response.statusCode());
        });
    }

    /** Abandons a probe still out. */
    @Override
    public void close() {
        http.shutdownNow();
    }
}
