package io.inferdeck.runner;

/**
 * Lifecycle of the runner process as the HTTP API sees it: LOADING (health 503, completions 503),
 * READY, STOPPING (health 503, new completions 503 while in-flight ones finish). Written by the main
 * thread, read by request threads; fields are volatile and set before the phase changes.
 */
final class RunnerState {
    enum Phase { LOADING, READY, STOPPING }

    private volatile CompletionService service;
    private volatile ModelCard card;
    private volatile Phase phase = Phase.LOADING;

    void ready(CompletionService s, ModelCard c) {
        service = s;
        card = c;
        phase = Phase.READY;
    }

    void stopping() {
        phase = Phase.STOPPING;
    }

    Phase phase() {
        return phase;
    }

    /** Non-null once READY. */
    CompletionService service() {
        return service;
    }

    /** Non-null once READY. */
    ModelCard card() {
        return card;
    }
}
