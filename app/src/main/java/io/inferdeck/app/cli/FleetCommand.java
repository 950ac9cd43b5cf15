package io.inferdeck.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code inferdeck fleet ...}: many nodes through Prometheus (docs/fleet.md). */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Many nodes through Prometheus: render its scrape config and rules, read the fleet back.",
        subcommands = {FleetPrometheusConfigCommand.class, FleetStatusCommand.class, FleetGrafanaCommand.class,
                FleetVllmPlanCommand.class})
public final class FleetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
