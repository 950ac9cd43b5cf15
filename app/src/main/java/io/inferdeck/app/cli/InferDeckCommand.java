package io.inferdeck.app.cli;

import io.inferdeck.app.ConsoleLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Root of the CLI. With no subcommand it starts the console; subcommands are registered here,
 * one line each, so {@code ./inferdeck --help} lists everything the product can do.
 */
@Command(
        name = "inferdeck",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Operations console for local LLM inference. Without a subcommand, starts the console.",
        subcommands = {
                ModelCommand.class,
                GpusCommand.class,
                GpuCommand.class,
                MetricsCommand.class,
                TrafficCommand.class,
                RunnerCommand.class,
                RunnerBenchCommand.class,
                QuantizeCommand.class,
                BenchCommand.class,
                SafetyCommand.class,
                UpCommand.class,
                ChaosCommand.class,
                SweepCommand.class,
                HistoryCommand.class,
                KeysCommand.class,
                DashboardBenchCommand.class,
                QuantReportCommand.class,
                FleetCommand.class,
                PluginsCommand.class,
        })
public final class InferDeckCommand implements Callable<Integer> {
    /** Read by {@link CliErrorHandler} from the arguments; declared here so every subcommand accepts it. */
    @Option(names = CliErrorHandler.DEBUG, scope = ScopeType.INHERIT, description = "On an error, also print the stack trace.")
    boolean debug;

    /** No subcommand: open the console window; returns after it closed. */
    @Override
    public Integer call() {
        return ConsoleLauncher.launch(System.err);
    }
}
