package io.inferdeck.app.cli;

import io.inferdeck.control.metrics.EngineMetrics;
import io.inferdeck.control.metrics.EngineMetricsFormat;
import io.inferdeck.control.metrics.MetricsNormalizer;
import io.inferdeck.control.metrics.MetricsScraper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code inferdeck metrics --url URL}: scrapes any supported engine's /metrics and prints the
 * normalized snapshots the dashboard shows (same scraper and normalizer). Exit 0 when every
 * scrape worked, 1 when one failed (the first failing is fatal: nothing to compare against).
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Prints normalized engine metrics (QPS, e2e/TTFT percentiles, tokens/s, queue, KV cache) "
                + "scraped from an engine's /metrics endpoint or the InferDeck gateway's (figures the engine "
                + "does not export come from the gateway; --json names each figure's source under \"sources\").",
                "Rates need two scrapes, so the first snapshot comes one interval after start."})
public final class MetricsCommand implements Callable<Integer> {

    /** Waits between scrapes; tests pass one that moves a fake clock instead of sleeping. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    @Option(names = "--url", required = true,
            description = "Engine base URL (then /metrics is used) or the full metrics URL.")
    String url;

    @Option(names = "--interval", defaultValue = "1s",
            description = "Time between scrapes: 500ms, 1s, 2m... (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--count", defaultValue = "0",
            description = "Snapshots to print before exiting; 0 = until interrupted (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--window", defaultValue = "30s",
            description = "Sliding window for rates and percentiles (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--timeout", defaultValue = "5s",
            description = "Connect and request timeout per scrape (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "One JSON object per line (latencies in seconds, null = not available).")
    boolean json;

    @Option(names = "--api-key", defaultValue = "${env:INFERDECK_API_KEY}",
            description = "Bearer key for engines that protect /metrics (default: $INFERDECK_API_KEY).")
    String apiKey;

    @Spec
    CommandSpec spec;

    private final Clock clock;
    private final Sleeper sleeper;

    public MetricsCommand() {
        this(Clock.systemDefaultZone(), d -> Thread.sleep(d));
    }

    MetricsCommand(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        URI uri = checkedArguments();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int exit = 0;
        try (MetricsScraper scraper = new MetricsScraper(uri, timeout, apiKey, new MetricsNormalizer(clock, window))) {
            scraper.scrape();   // the first failure is fatal: the error handler reports it
            if (!json) {
                out.println(EngineMetricsFormat.tableHeader());
            }
            for (int done = 0; count == 0 || done < count; done++) {
                out.flush();
                sleeper.sleep(interval);
                try {
                    EngineMetrics m = scraper.scrape();
                    out.println(json ? EngineMetricsFormat.jsonLine(m) : EngineMetricsFormat.tableRow(m, clock.getZone()));
                } catch (IOException e) {
                    err.println(CliErrorHandler.name(spec.commandLine()) + ": " + ErrorClassifier.classify(e).getMessage());
                    exit = 1;
                }
            }
            out.flush();
        }
        return exit;
    }

    private URI checkedArguments() {
        if (interval.isZero() || interval.isNegative() || window.isZero() || window.isNegative()
                || timeout.isZero() || timeout.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--interval, --window and --timeout must be positive");
        }
        if (count < 0) {
            throw new ParameterException(spec.commandLine(), "--count must be >= 0");
        }
        try {
            return MetricsScraper.metricsUrl(url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--url: " + e.getMessage());
        }
    }
}
