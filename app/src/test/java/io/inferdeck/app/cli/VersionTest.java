package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code inferdeck --version}: version, the git commit the build captured (checked against git itself where
 * the test runs in a checkout), the llama.cpp build read from the bundled native, the Java runtime.
 */
class VersionTest {
    @Test
    void printsVersionCommitLlamaBuildAndJava() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cmd = InferDeckCli.configure(new CommandLine(new InferDeckCommand()));
        cmd.setOut(new PrintWriter(out, true));
        assertThat(cmd.execute("--version")).isZero();
        List<String> lines = out.toString().lines().toList();

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).matches("InferDeck \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(lines.get(1)).matches("git commit ([0-9a-f]{12}(-dirty)?|unknown)");
        String head = git("rev-parse", "HEAD");
        if (!head.isEmpty()) {   // built from a checkout: the commit is this checkout's (the build ran here)
            assertThat(lines.get(1)).startsWith("git commit " + head.substring(0, 12));
        }
        assertThat(lines.get(2)).startsWith("llama.cpp ").contains(", de.kherud:llama ");
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(lines.get(2)).matches("llama\\.cpp b\\d+ \\(commit [0-9a-f]{7,}\\), de\\.kherud:llama \\d+\\.\\d+\\.\\d+, Linux/.+ natives");
        }
        assertThat(lines.get(3)).startsWith("Java " + Runtime.version() + " (");
    }

    /** git's answer, "" where git or the checkout is missing. */
    private static String git(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && text.matches("[0-9a-f]{40}") ? text : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
