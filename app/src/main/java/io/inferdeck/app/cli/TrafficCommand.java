package io.inferdeck.app.cli;

import io.inferdeck.services.traffic.TrafficClient;
import io.inferdeck.services.traffic.TrafficEntry;
import io.inferdeck.services.traffic.TrafficReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code inferdeck traffic --url GATEWAY}: the gateway's request log in a terminal, the newest {@code --limit}
 * requests oldest first; with {@code --follow} it then prints each new request as it finishes, until Ctrl-C
 * (the same {@link TrafficReader} as the console's Traffic page, so nothing is skipped or printed twice).
 * Exit 0; 1 when the log cannot be read at start, 2 for bad arguments. A failed read while following is
 * reported on stderr and retried.
 */
@Command(name = "traffic", mixinStandardHelpOptions = true,
        description = {"Prints the InferDeck gateway's request log: time, status, key, upstream, model, queue/TTFT/e2e ms, "
                + "tokens in/out (~ = estimated by the gateway), cache hit, safety decision and path.",
                "--follow keeps printing new requests until Ctrl-C; --json prints one JSON object per line "
                        + "(the gateway's field names; ttftMs null when no token was streamed)."})
public final class TrafficCommand implements Callable<Integer> {

    /** Waits between reads while following; tests pass one that acts between reads instead of sleeping. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    @Option(names = "--url", required = true, description = "The gateway's base URL (what `inferdeck up` prints).")
    String url;

    @Option(names = "--follow", description = "Keep printing new requests as they finish, until Ctrl-C.")
    boolean follow;

    @Option(names = "--json", description = "One JSON object per line instead of a table.")
    boolean json;

    @Option(names = "--limit", defaultValue = "20", description = "Newest requests to print first (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--interval", defaultValue = "1s", description = "Time between reads with --follow (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--timeout", defaultValue = "5s", description = "Connect and request timeout per read (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--api-key", defaultValue = "${env:INFERDECK_API_KEY}",
            description = "The gateway's Bearer key, when it has one (default: $INFERDECK_API_KEY).")
    String apiKey;

    @Spec
    CommandSpec spec;

    private final Sleeper sleeper;

    public TrafficCommand() {
        this(d -> Thread.sleep(d));
    }

    TrafficCommand(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public Integer call() throws IOException {
        URI base = checkedArguments();
        PrintWriter out = spec.commandLine().getOut();
        TrafficLines lines = new TrafficLines(ZoneId.systemDefault(), json);
        Optional<String> key = Optional.ofNullable(apiKey).filter(k -> !k.isBlank());
        try (TrafficClient client = new TrafficClient(base, key, timeout)) {
            TrafficReader reader = new TrafficReader(client);
            List<TrafficEntry> first = read(reader, client);
            if (lines.header() != null) {
                out.println(lines.header());
            }
            print(out, lines, first.subList(0, Math.min(limit, first.size())));
            while (follow) {
                out.flush();
                sleeper.sleep(interval);
                try {
                    print(out, lines, reader.read().added());
                } catch (IOException e) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println(CliErrorHandler.name(spec.commandLine()) + ": " + ErrorClassifier.classify(e).getMessage());
                    err.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // the follow loop was asked to end: what was printed stands
        }
        out.flush();
        return 0;
    }

    /** The first read; an answer the operator can act on becomes a one-line error with what to do. */
    private List<TrafficEntry> read(TrafficReader reader, TrafficClient client) throws IOException, InterruptedException {
        try {
            return reader.read().added();
        } catch (TrafficClient.Refused e) {
            if (e.status() == 401) {
                throw new CliError(CliError.FAILURE, e.getMessage(), "pass the gateway's key: --api-key or INFERDECK_API_KEY", e);
            }
            if (e.status() == 404) {
                throw new CliError(CliError.FAILURE, client.url(java.util.OptionalInt.empty()) + " has no request log",
                        "is it an InferDeck gateway? use the URL `inferdeck up` printed", e);
            }
            throw e;
        }
    }

    /** Oldest first, as a log reads. */
    private static void print(PrintWriter out, TrafficLines lines, List<TrafficEntry> newestFirst) {
        for (TrafficEntry e : newestFirst.reversed()) {
            out.println(lines.line(e));
        }
    }

    private URI checkedArguments() {
        if (limit <= 0) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        if (interval.isZero() || interval.isNegative() || timeout.isZero() || timeout.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--interval and --timeout must be positive");
        }
        try {
            return TrafficClient.gatewayUrl(url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--url: " + e.getMessage());
        }
    }
}
