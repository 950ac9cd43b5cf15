package io.inferdeck.app;

import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.control.metrics.MetricsNormalizer;
import io.inferdeck.services.fleet.FleetDialects;
import io.inferdeck.services.fleet.FleetSource;
import io.inferdeck.services.fleet.PrometheusClient;
import io.inferdeck.views.fleet.FleetView;
import io.inferdeck.views.fleet.FleetViewModel;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * The Fleet page's part of the composition root: one HTTP client and the {@code fleet-io} thread the page's
 * Prometheus reads run on (both owned here), the engine dialects of the driver registry plus the gateway's. The
 * Prometheus URL starts as {@code INFERDECK_PROMETHEUS_URL}, else Prometheus' default local address; nothing is read
 * until the page asks.
 */
final class FleetWiring implements AutoCloseable {
    static final String URL_VARIABLE = "INFERDECK_PROMETHEUS_URL";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final BackgroundExecutor io = BackgroundExecutor.threadPool("fleet-io", 1);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final FleetViewModel viewModel;

    FleetWiring(FxDispatcher dispatcher, Map<String, String> env) {
        FleetDialects dialects = FleetDialects.of(MetricsNormalizer.withGateway(EngineDrivers.defaults().metricsDialects()));
        viewModel = new FleetViewModel(base -> FleetSource.prometheus(new PrometheusClient(http, base, TIMEOUT), dialects),
                env.getOrDefault(URL_VARIABLE, "http://127.0.0.1:9090"), io, dispatcher, Clock.systemUTC());
    }

    /** FX thread, once. */
    FleetView view() {
        return new FleetView(viewModel, ZoneId.systemDefault());
    }

    @Override
    public void close() {
        io.close();
        http.close();
    }
}
