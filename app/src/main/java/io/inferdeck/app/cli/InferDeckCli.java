package io.inferdeck.app.cli;

import io.inferdeck.gguf.GgmlType;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Builds the command line every entry point uses: the root command with its subcommands, the shared value
 * converters and the one error handler ({@link CliErrorHandler}). Tests configure a command line rooted at a
 * single subcommand the same way, so they see exactly what an operator sees.
 */
public final class InferDeckCli {
    private InferDeckCli() {
    }

    public static CommandLine create() {
        return configure(new CommandLine(new InferDeckCommand()));
    }

    /** Installs the converters and the error handler on {@code cmd} and every subcommand it has now. */
    public static CommandLine configure(CommandLine cmd) {
        CliErrorHandler handler = new CliErrorHandler();
        cmd.registerConverter(Duration.class, new DurationConverter());
        cmd.registerConverter(GgmlType.class, new QuantTypeConverter());
        cmd.registerConverter(io.inferdeck.tuning.quant.QuantMix.class, new QuantMixConverter());
        cmd.setExecutionExceptionHandler(handler);
        cmd.setParameterExceptionHandler(handler);
        return cmd;
    }
}
