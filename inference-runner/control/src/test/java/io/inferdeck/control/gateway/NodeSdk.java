package io.inferdeck.control.gateway;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The official OpenAI Node SDK for tests: {@code node} and {@code npm} from PATH, the pinned {@code openai}
 * package installed once into {@code target/node-sdk} (kept between runs until {@code mvn clean}; nothing
 * outside {@code target/} is written), and a script from the test resources run there. Aborts the calling
 * test (a skip, with the reason) when node or npm is missing or the package cannot be installed (offline).
 */
final class NodeSdk {
    /** Pinned: the newest 6.x when this was written; 7.x wants Node 22, and CI's Debian ships older. */
    static final String OPENAI_VERSION = "6.49.0";
    private static final Path HOME = Path.of("target", "node-sdk").toAbsolutePath();

    private final Path node;

    private NodeSdk(Path node) {
        this.node = node;
    }

    /** Node with the SDK ready, or the calling test skipped with the reason. */
    static NodeSdk require() throws IOException, InterruptedException {
        Optional<Path> node = onPath("node");
        Optional<Path> npm = onPath("npm");
        Assumptions.assumeTrue(node.isPresent() && npm.isPresent(), "node and npm are not on PATH (Debian: apt-get install nodejs npm)");
        Files.createDirectories(HOME);
        if (!installed()) {
            Result r = run(List.of(npm.get().toString(), "install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error",
                    "--prefix", HOME.toString(), "openai@" + OPENAI_VERSION), 300);
            Assumptions.assumeTrue(r.exit() == 0 && installed(),
                    "npm could not install openai@" + OPENAI_VERSION + " (offline?): " + tail(r.output()));
        }
        return new NodeSdk(node.get());
    }

    /** Copies the test resource {@code node-sdk/NAME} next to the SDK and runs it with {@code args}. */
    Result script(String name, List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        Path script = HOME.resolve(name);
        try (InputStream in = NodeSdk.class.getResourceAsStream("/node-sdk/" + name)) {
            if (in == null) {
                throw new IOException("no test resource node-sdk/" + name);
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(node.toString(), script.toString()));
        command.addAll(args);
        return run(command, timeoutSeconds);
    }

    record Result(int exit, String output) {
        /** The last line of stdout (the scripts print their one JSON object there). */
        String lastLine() {
            List<String> lines = output.lines().toList();
            return lines.isEmpty() ? "" : lines.getLast();
        }
    }

    private static boolean installed() throws IOException {
        Path pkg = HOME.resolve("node_modules/openai/package.json");
        return Files.isRegularFile(pkg) && Files.readString(pkg).contains("\"version\": \"" + OPENAI_VERSION + "\"");
    }

    /** Runs {@code command} in the SDK folder; stderr joins stdout. Killed after {@code timeoutSeconds} (exit -1). */
    private static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile(HOME, "run", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            return new Result(done ? p.exitValue() : -1, Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String tail(String output) {
        List<String> lines = output.strip().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
