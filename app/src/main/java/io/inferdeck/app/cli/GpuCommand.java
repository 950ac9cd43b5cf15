package io.inferdeck.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code inferdeck gpu ...}: long-running GPU services ({@code gpus} is the one-off look). */
@Command(name = "gpu", mixinStandardHelpOptions = true, description = "GPU services: the Prometheus exporter.",
        subcommands = {GpuExportCommand.class})
public final class GpuCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
