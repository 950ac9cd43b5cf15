package io.inferdeck.control.launch;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One engine process to start: exactly what a {@link ProcessBuilder} needs plus a display line.
 * {@code argv} and {@code env} hold the real values (including an API key) and must never be
 * logged; {@link #display()} and {@link #toString()} show the key as {@code ****}.
 *
 * @param env     variables to add to the inherited environment (e.g. CUDA_VISIBLE_DEVICES)
 * @param baseUrl where the console reaches this replica (loopback when it binds a wildcard)
 * @param health  how the supervisor probes this replica for readiness (the engine's driver says)
 * @param argv    empty for an {@link #attached()} engine
 */
public record LaunchCommand(int replica, String host, int port, URI baseUrl, List<String> argv,
                            Map<String, String> env, String display, HealthCheck health) {

    public LaunchCommand {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        Objects.requireNonNull(health, "health");
    }

    /** An engine running elsewhere, reached at {@link #baseUrl()}: nothing to start or stop. */
    public boolean attached() {
        return argv.isEmpty();
    }

    @Override
    public String toString() {
        return "replica " + replica + ": " + display;
    }
}
