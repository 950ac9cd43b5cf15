package io.inferdeck.control.supervisor;

import java.util.ArrayList;
import java.util.List;

/**
 * A process that dies the way a native crash does, without native code: run with
 * {@code -XX:+CrashOnOutOfMemoryError} it fills its heap and the JVM aborts, writing an
 * {@code hs_err_pid*.log} into its working directory, as a llama.cpp crash inside the runner would.
 */
public final class HeapFillerMain {
    private HeapFillerMain() {
    }

    public static void main(String[] args) {
        List<long[]> hold = new ArrayList<>();
        while (true) {
            hold.add(new long[1 << 16]);
        }
    }
}
