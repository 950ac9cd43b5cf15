package io.inferdeck.app.cli;

import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.control.metrics.MetricsNormalizer;
import io.inferdeck.services.fleet.FleetDialects;
import io.inferdeck.services.fleet.FleetStatus;
import io.inferdeck.services.fleet.FleetStatusFormat;
import io.inferdeck.services.fleet.FleetStatusReader;
import io.inferdeck.services.fleet.PrometheusClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code inferdeck fleet status --prometheus URL [--json]}: the fleet table read from Prometheus. Exit 0 when no
 * SLO alert (label {@code kind="slo"}) fires, 1 when one does (usable from cron or CI), 2 for bad arguments.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Prints the fleet from Prometheus: nodes x GPUs (memory, util, power, temp), engines (QPS, "
                + "P95/P99 e2e and TTFT, KV cache, queue, SLO state), firing alerts.",
                "Exit code 1 when an SLO alert (kind=slo) fires."})
public final class FleetStatusCommand implements Callable<Integer> {
    @Option(names = "--prometheus", required = true, description = "Prometheus base URL, e.g. http://127.0.0.1:9090.")
    String prometheus;

    @Option(names = "--json", description = "One JSON object (seconds, bytes, watts, ratios; null = not available).")
    boolean json;

    @Option(names = "--window", defaultValue = "5m", description = "Window for rates and percentiles (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--at", description = "Evaluate at this instant (ISO-8601, e.g. 2025-01-01T12:00:00Z) instead of now.")
    Instant at;

    @Option(names = "--timeout", defaultValue = "10s", description = "Per-request timeout (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (window.toSeconds() < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new ParameterException(spec.commandLine(), "--window must be at least 1s and --timeout positive");
        }
        URI uri;
        try {
            uri = URI.create(prometheus);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("expected http(s)://host:port");
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--prometheus: " + e.getMessage());
        }
        FleetDialects dialects = FleetDialects.of(MetricsNormalizer.withGateway(EngineDrivers.defaults().metricsDialects()));
        FleetStatus status;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build()) {
            status = new FleetStatusReader(new PrometheusClient(http, uri, timeout), dialects)
                    .read(at != null ? at : Instant.now(), window);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? FleetStatusFormat.json(status) + "\n" : FleetStatusFormat.table(status));
        out.flush();
        return status.sloFiring() ? 1 : 0;
    }
}
