package io.inferdeck.runner.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Path (a) of the benchmark: a {@link DirectDecodeBench} child JVM, asked for one measurement at a time
 * over its stdin so it can be interleaved with other paths. Not thread-safe.
 */
final class DirectMeasurer implements RunnerBench.Measurer {
    private final Process process;
    private final BufferedReader results;
    private final PrintWriter commands;
    private final Path log;

    DirectMeasurer(Path model, int threads, int ctx, int tokens, int seed, String prompt, Path workDir) throws IOException {
        List<String> cmd = RunnerProcess.javaCommand(DirectDecodeBench.class.getName(), "-Xmx256m");
        cmd.addAll(List.of(model.toString(), "" + threads, "" + ctx, "" + tokens, "" + seed, prompt));
        log = workDir.resolve("direct-stderr.log");
        process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        results = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        expect("READY");
    }

    @Override
    public double[] measure() throws IOException {
        commands.println("RUN");
        String[] f = expect("RESULT ").split(" ");
        return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    }

    private String expect(String prefix) throws IOException {
        for (String line; (line = results.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("direct benchmark process ended: " + RunnerProcess.lastLine(log));
    }

    @Override
    public void close() throws InterruptedException {
        commands.close(); // end of input: the child closes its model and exits
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
