package io.inferdeck.control.launch;

import java.util.Objects;
import java.util.Set;

/**
 * How the supervisor tells that a launched engine is ready: a GET of {@code path} on the replica's
 * base URL answering one of {@code readyStatuses}. Anything else (another status, no answer within the
 * probe's timeout) means not ready. Each engine's driver supplies its own.
 */
public record HealthCheck(String path, Set<Integer> readyStatuses) {
    public HealthCheck {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("health path must start with /: " + path);
        }
        readyStatuses = Set.copyOf(readyStatuses);
    }

    /** Ready when {@code path} answers 200. */
    public static HealthCheck ok(String path) {
        return new HealthCheck(path, Set.of(200));
    }

    public boolean ready(int status) {
        return readyStatuses.contains(status);
    }
}
