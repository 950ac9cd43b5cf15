package io.inferdeck.runner;

import java.io.PrintStream;

/**
 * The runner's own log lines. Status goes to stdout (the supervisor and tests read "listening on" and
 * "ready" from it); problems go to stderr, which also carries llama.cpp's native log. One line each.
 */
final class RunnerLog {
    static final String PREFIX = "inferdeck-runner: ";

    private RunnerLog() {
    }

    static void info(String line) {
        print(System.out, line);
    }

    static void error(String line) {
        print(System.err, line);
    }

    private static void print(PrintStream s, String line) {
        s.println(PREFIX + line.replace('\n', ' '));
        s.flush();
    }
}
