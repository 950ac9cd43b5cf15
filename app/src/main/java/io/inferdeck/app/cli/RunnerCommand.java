package io.inferdeck.app.cli;

import io.inferdeck.runner.RunnerMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code inferdeck runner [flags]}: runs the inference engine in this CLI process (never in the console's
 * JVM). Flags are passed through untouched to {@link RunnerMain}, which owns their parsing and help text,
 * so the CLI and {@code java -cp ... io.inferdeck.runner.RunnerMain} accept exactly the same command line.
 */
@Command(name = "runner",
        description = "Serve a GGUF model over an OpenAI-compatible HTTP API (llama.cpp). "
                + "Without --model: InferDeck's generated default model (random weights, meaningless output). "
                + "See `inferdeck runner --help`.")
public final class RunnerCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return RunnerMain.run(args);
    }
}
