package io.inferdeck.views.traffic;

import io.inferdeck.services.traffic.TrafficEntry;
import java.util.function.Predicate;

/** The Traffic page's status filter: each choice is its own test on a request. */
public enum StatusClass {
    ALL("All statuses", e -> true),
    SUCCESS("2xx", e -> e.request().status() / 100 == 2),
    CLIENT_ERROR("4xx", e -> e.request().status() / 100 == 4),
    SERVER_ERROR("5xx", e -> e.request().status() / 100 == 5),
    /** Whatever did not end normally: upstream failures, refusals, clients that left (see {@link TrafficEntry#failed}). */
    FAILED("Errors", TrafficEntry::failed);

    private final String label;
    private final Predicate<TrafficEntry> test;

    StatusClass(String label, Predicate<TrafficEntry> test) {
        this.label = label;
        this.test = test;
    }

    public boolean test(TrafficEntry e) {
        return test.test(e);
    }

    @Override
    public String toString() {
        return label;
    }
}
