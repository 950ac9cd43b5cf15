package io.inferdeck.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Root of the CLI. With no subcommand it starts the console; subcommands are registered here,
 * one line each, so {@code ./inferdeck --help} lists everything the product can do.
 */
@Command(
        name = "inferdeck",
        mixinStandardHelpOptions = true,
        version = "InferDeck 0.1.0",
        description = "Operations console for local LLM inference. Without a subcommand, starts the console.",
        subcommands = {
                SafetyCommand.class,
        })
public final class InferDeckCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return 0;
    }
}
