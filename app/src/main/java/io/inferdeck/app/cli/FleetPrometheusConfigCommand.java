package io.inferdeck.app.cli;

import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.control.metrics.MetricsNormalizer;
import io.inferdeck.services.fleet.FleetDialects;
import io.inferdeck.services.fleet.FleetFileException;
import io.inferdeck.services.fleet.FleetFiles;
import io.inferdeck.services.fleet.PrometheusConfigWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inferdeck fleet prometheus-config --fleet fleet.yaml --out DIR}: writes prometheus.yml, the rules file
 * and the key files (from the environment variables the inventory names). Exit 0 when everything was written,
 * 1 when a key variable was unset (the config is written, but Prometheus cannot scrape those targets yet).
 */
@Command(name = "prometheus-config", mixinStandardHelpOptions = true,
        description = {"Renders prometheus.yml (a job per role, node labels) and inferdeck-rules.yml (P50/P95/P99 "
                + "recording rules, SLO / KV cache / GPU memory / target-down alerts) from a fleet file.",
                "Keys are read from the environment variables the fleet file names and written to DIR/secrets/ "
                        + "(owner-only); Prometheus reads them from there."})
public final class FleetPrometheusConfigCommand implements Callable<Integer> {
    @Option(names = "--fleet", required = true, description = "The fleet inventory (fleet.yaml; see docs/fleet.md).")
    Path fleet;

    @Option(names = "--out", required = true, description = "Folder to write prometheus.yml and inferdeck-rules.yml into.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, FleetFileException {
        FleetDialects dialects = FleetDialects.of(MetricsNormalizer.withGateway(EngineDrivers.defaults().metricsDialects()));
        PrometheusConfigWriter.Written w = new PrometheusConfigWriter(dialects, k -> Optional.ofNullable(System.getenv(k)))
                .write(FleetFiles.load(fleet), out);
        PrintWriter o = spec.commandLine().getOut();
        w.files().forEach(f -> o.println("wrote " + f));
        o.flush();
        if (!w.missingKeys().isEmpty()) {
            throw CliError.failure("environment variable(s) " + String.join(", ", w.missingKeys())
                    + " not set: their key files are missing", "set them and run again, or write the keys to "
                    + out.resolve("secrets") + "/<VARIABLE> yourself");
        }
        return 0;
    }
}
