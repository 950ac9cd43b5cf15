package io.inferdeck.app.cli;

import picocli.CommandLine;

/**
 * {@code gpus} on its own, for the real-driver check's bundle ({@code scripts/gpu-check.sh}): the same command,
 * converters and one-line errors as {@code inferdeck gpus}, without the rest of the command tree — building that
 * tree loads the console's classes, which need JavaFX, which the bundle leaves out to stay under 60 MiB.
 */
public final class GpusMain {
    private GpusMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The exit code {@code inferdeck gpus ARGS} would have. */
    static int run(String... args) {
        return InferDeckCli.configure(new CommandLine(new GpusCommand())).execute(args);
    }
}
