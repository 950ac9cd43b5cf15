package io.inferdeck.app;

import io.inferdeck.app.cli.InferDeckCli;

/** Process entry point: every subcommand (and the console itself) goes through picocli. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = InferDeckCli.create().execute(args);
        // The console returns only after its window closed; CLI commands return when done.
        System.exit(code);
    }
}
