package io.inferdeck.control.supervisor;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Life-cycle state of one supervised engine process. Immutable; the supervisor publishes a new value on
 * every transition. Ready means the engine's {@code /health} answered 200.
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

    record Ready(URI baseUrl, long pid, Instant since) implements EngineState {
        public String label() {
            return "Ready";
        }
    }

    /** Process alive but its health check fails; it returns to Ready when health recovers. */
    record Degraded(String reason, long pid) implements EngineState {
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
