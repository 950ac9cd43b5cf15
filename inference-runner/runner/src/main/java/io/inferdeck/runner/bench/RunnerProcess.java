package io.inferdeck.runner.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runner started as its own JVM ({@code java -cp <this JVM's class path> io.inferdeck.runner.RunnerMain}),
 * for the benchmark and the tests. Not the console's supervisor (that lives in io.inferdeck.control): it
 * only starts, waits for the "ready" line, and stops with SIGTERM. stderr (llama.cpp's log) goes to a file.
 */
public final class RunnerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final URI base;
    private final Path stderr;

    private RunnerProcess(Process process, URI base, Path stderr) {
        this.process = process;
        this.base = base;
        this.stderr = stderr;
    }

    /** The java launch line for a class of this JVM's class path, with the flags llama.cpp's JNI needs. */
    public static List<String> javaCommand(String mainClass, String... jvmArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(List.of(jvmArgs));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        return cmd;
    }

    /**
     * Starts a runner with {@code args} (add {@code --port 0} for a free port) and waits until it is ready.
     *
     * @throws IOException when it exits first (message: its last stderr line) or is not ready in time
     */
    public static RunnerProcess start(List<String> args, Path stderrFile, Duration timeout) throws IOException {
        return start(args, java.util.Map.of(), stderrFile, timeout);
    }

    /** As {@link #start(List, Path, Duration)}, with extra environment variables. */
    public static RunnerProcess start(List<String> args, java.util.Map<String, String> env, Path stderrFile, Duration timeout)
            throws IOException {
        // a JVM crash report goes beside the runner's log, never into the caller's working directory
        String errorFile = "-XX:ErrorFile=" + stderrFile.toAbsolutePath().resolveSibling("hs_err_pid%p.log");
        List<String> cmd = javaCommand("io.inferdeck.runner.RunnerMain", "-Xmx512m", errorFile);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderrFile.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("runner-stdout-" + p.pid()).start(() -> readStdout(p, ready));
        try {
            return new RunnerProcess(p, ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS), stderrFile);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("runner did not become ready: " + lastLine(stderrFile), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the runner", e);
        }
    }

    private static void readStdout(Process p, CompletableFuture<URI> ready) {
        URI base = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    base = URI.create(m.group(1) + "/");
                }
                if (line.contains("inferdeck-runner: ready") && base != null) {
                    ready.complete(base);
                }
            }
        } catch (IOException e) {
            // process ended
        }
        ready.completeExceptionally(new IOException("runner exited before it was ready"));
    }

    /** Last non-blank line of a log file, or a placeholder. */
    public static String lastLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "(no output)" : lines.getLast();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public URI base() {
        return base;
    }

    public Process process() {
        return process;
    }

    public Path stderr() {
        return stderr;
    }

    /** SIGTERM, then wait; returns the exit code (-1 if it had to be killed). */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly().waitFor();
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(15));
        }
    }
}
