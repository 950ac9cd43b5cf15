package io.inferdeck.services.fleet;

import java.io.IOException;

/** Prometheus answered, but with an error (bad PromQL, wrong path, not a Prometheus). */
public final class PrometheusException extends IOException {
    public PrometheusException(String message) {
        super(message);
    }
}
