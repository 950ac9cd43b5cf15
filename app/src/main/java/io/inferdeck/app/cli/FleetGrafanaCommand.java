package io.inferdeck.app.cli;

import io.inferdeck.common.io.AtomicFiles;
import io.inferdeck.services.fleet.GrafanaDashboard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inferdeck fleet grafana-dashboard [--out FILE]}: the Fleet page's panels as a Grafana 10+ dashboard (JSON). */
@Command(name = "grafana-dashboard", mixinStandardHelpOptions = true,
        description = {"Writes a Grafana dashboard (JSON, Grafana 10+) with the Fleet page's panels over the series the rules "
                + "from 'fleet prometheus-config' record; pick the Prometheus data source on import."})
public final class FleetGrafanaCommand implements Callable<Integer> {
    @Option(names = "--out", description = "Write to this file instead of standard output.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String json = GrafanaDashboard.json();
        if (out == null) {
            spec.commandLine().getOut().print(json);
            spec.commandLine().getOut().flush();
        } else {
            AtomicFiles.write(out, json.getBytes(StandardCharsets.UTF_8));
            spec.commandLine().getOut().println("wrote " + out);
        }
        return 0;
    }
}
