package io.inferdeck.tuning.load.selftest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code wrk} (the Debian package) against a URL with the same POST body the generator sends and
 * reads back its request rate and median latency. Absent wrk is reported, not failed.
 */
public final class WrkRunner {
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern P50 = Pattern.compile("\\n\\s*50%\\s+([\\d.]+)(us|ms|s)\\b");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

    /** Requests/s, median latency in ms, non-2xx count and the raw output. */
    public record WrkResult(double requestsPerSecond, OptionalDouble p50Ms, long non2xx, String output) {
    }

    private WrkRunner() {
    }

    public static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "wrk");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static WrkResult run(Path wrk, String url, int threads, int connections, Duration duration, String body)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("inferdeck-wrk", ".lua");
        try {
            Files.writeString(script, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
                    + "wrk.body = [[" + body + "]]\n");
            Process p = new ProcessBuilder(wrk.toString(), "-t" + threads, "-c" + connections,
                    "-d" + Math.max(1, duration.toSeconds()) + "s", "--latency", "-s", script.toString(), url)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("wrk failed: " + out.strip());
            }
            return parse(out);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    static WrkResult parse(String out) throws IOException {
        Matcher rps = RPS.matcher(out);
        if (!rps.find()) {
            throw new IOException("no Requests/sec in wrk output: " + out.strip());
        }
        Matcher p50 = P50.matcher(out);
        OptionalDouble median = OptionalDouble.empty();
        if (p50.find()) {
            double v = Double.parseDouble(p50.group(1));
            median = OptionalDouble.of(switch (p50.group(2)) {
                case "us" -> v / 1000;
                case "s" -> v * 1000;
                default -> v;
            });
        }
        Matcher bad = NON_2XX.matcher(out);
        return new WrkResult(Double.parseDouble(rps.group(1)), median, bad.find() ? Long.parseLong(bad.group(1)) : 0, out);
    }
}
