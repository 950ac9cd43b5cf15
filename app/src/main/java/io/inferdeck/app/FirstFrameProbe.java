package io.inferdeck.app;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;

/**
 * {@code inferdeck --startup-probe}: once the console's first frame is on screen, prints how long that took from
 * process start (the operator's cold start) and from JVM start, then closes the window, so the console exits as
 * after a normal close. The package smoke test and docs/packaging.md's start-up figures use it.
 *
 * <p>"On screen" is the third pulse after {@code stage.show()}: the first pulse lays out and renders the window,
 * and each pulse's sync waits for the previous frame's render, so by the third that first frame is done (one
 * pulse, ~16 ms, of slack). FX thread only.
 */
final class FirstFrameProbe extends AnimationTimer {
    static final String ARG = "--startup-probe";
    private static final int PULSES = 3;

    private final Stage stage;
    private final PrintStream out;
    private int pulses;

    private FirstFrameProbe(Stage stage, PrintStream out) {
        this.stage = stage;
        this.out = out;
    }

    /** Call right after {@code stage.show()}. */
    static void install(Stage stage, PrintStream out) {
        new FirstFrameProbe(stage, out).start();
    }

    @Override
    public void handle(long now) {
        if (++pulses < PULSES) {
            return;
        }
        stop();
        Instant frame = Instant.now();
        long fromJvm = frame.toEpochMilli() - ManagementFactory.getRuntimeMXBean().getStartTime();
        String fromProcess = ProcessHandle.current().info().startInstant()
                .map(start -> (frame.toEpochMilli() - start.toEpochMilli()) + " ms")
                .orElse("(process start time not available)");
        out.println("first frame " + fromProcess + " after process start, " + fromJvm + " ms after JVM start");
        stage.close();   // last window closed -> Application.stop() -> the console exits normally
    }
}
