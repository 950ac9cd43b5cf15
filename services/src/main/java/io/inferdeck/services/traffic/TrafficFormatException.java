package io.inferdeck.services.traffic;

import java.io.IOException;

/** An answer that is not a gateway request-log page (or a request in it that misses a required field). */
public final class TrafficFormatException extends IOException {
    public TrafficFormatException(String message) {
        super(message);
    }
}
