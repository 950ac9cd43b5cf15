package io.inferdeck.tuning.load;

import java.net.URI;

/**
 * A benchmark ended early because nothing answered: {@link LoadGenerator#UNREACHABLE_AFTER} requests in a row
 * could not connect and none had succeeded. There is no measurement to report, so the run fails instead of
 * returning a result of thousands of instant errors.
 */
public final class UnreachableEndpointException extends RuntimeException {
    public UnreachableEndpointException(URI endpoint, int attempts) {
        super("connection refused by " + endpoint + ": " + attempts
                + " requests in a row could not connect and none succeeded, so the run stopped");
    }
}
