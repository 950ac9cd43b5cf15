package io.inferdeck.control.supervisor;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Life-cycle state of one supervised engine process, or of an attached engine (Ready and Degraded only,
 * with no pid: InferDeck runs no process for it). Immutable; a new value is published on every transition.
 * Ready means the engine's health check (its driver's) answered as ready.
 */
public sealed interface EngineState {

    /** A short label for status bars ("Ready", "Crashed (exit 137)"). */
    String label();

    /** Not running. {@code reason} says why ("not started", "stopped by operator", "gave up after …"). */
    record Stopped(String reason) implements EngineState {
        public String label() {
            return "Stopped";
        }
    }

    /** Process started (attempt 1 is the first start, higher numbers are automatic restarts). */
    record Starting(int attempt, long pid) implements EngineState {
        public String label() {
            return attempt > 1 ? "Starting (restart " + (attempt - 1) + ")" : "Starting";
        }
    }

    /** @param pid the engine process; empty for an attached engine */
    record Ready(URI baseUrl, OptionalLong pid, Instant since) implements EngineState {
        public Ready(URI baseUrl, long pid, Instant since) {
            this(baseUrl, OptionalLong.of(pid), since);
        }

        public String label() {
            return "Ready";
        }
    }

    /**
     * Process alive (or, with no pid, an attached engine) but its health check fails; it returns to Ready
     * when health recovers.
     */
    record Degraded(String reason, OptionalLong pid) implements EngineState {
        public Degraded(String reason, long pid) {
            this(reason, OptionalLong.of(pid));
        }

        public String label() {
            return "Degraded";
        }
    }

    /** The process ended on its own. {@code lastLines} is the tail of its log; a restart may follow. */
    record Crashed(int exitCode, List<String> lastLines, String next) implements EngineState {
        public Crashed {
            lastLines = List.copyOf(lastLines);
        }

        public String label() {
            return "Crashed (exit " + exitCode + ")";
        }
    }

    record Stopping(long pid) implements EngineState {
        public String label() {
            return "Stopping";
        }
    }
}
