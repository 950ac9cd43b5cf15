package io.inferdeck.views.engine;

/**
 * Commands the Engine view may issue. Implementations return at once and do the work on their own
 * threads (process start/stop never runs on the FX thread); the outcome arrives as new snapshots.
 */
public interface EngineControl {
    void start();

    void stop();

    void restart();
}
