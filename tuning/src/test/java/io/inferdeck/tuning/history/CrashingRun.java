package io.inferdeck.tuning.history;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Child-process main for the crash test: starts a run, checkpoints, then dies without any cleanup. */
public final class CrashingRun {
    private CrashingRun() {
    }

    public static void main(String[] args) throws Exception {
        RunHistory h = RunHistory.open(Path.of(args[0]), Clock.systemUTC());
        long id = h.start(new NewRun("sweep", "crash me", "{\"batch\":512}", "test-engine 1.0", HostInfo.describe()));
        h.checkpoint(id, Map.of("requests_per_s", 12.5));
        System.out.println(id);
        System.out.flush();
        Runtime.getRuntime().halt(3); // like a kill -9: no shutdown hooks, connection never closed
    }
}
