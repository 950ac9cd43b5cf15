package io.inferdeck.views.traffic;

import io.inferdeck.services.traffic.TrafficSnapshot;
import java.util.Optional;

/** Why the Traffic page has no table to show, in the operator's words; empty when it has requests. */
public record TrafficEmpty(String title, String text) {

    static Optional<TrafficEmpty> of(TrafficSnapshot s) {
        if (s.source().isEmpty()) {
            return Optional.of(new TrafficEmpty("No deployment running",
                    "Start an engine on the Engine page. Its InferDeck gateway logs every request it serves, "
                            + "and they show here as they finish."));
        }
        if (!s.requests().isEmpty()) {
            return Optional.empty();
        }
        if (s.problem().isPresent()) {
            return Optional.of(new TrafficEmpty("Request log unavailable", s.problem().get()));
        }
        return Optional.of(new TrafficEmpty("No requests yet", "The gateway of " + s.source().get()
                + " has not served a request yet. Send one from the Playground, with inferdeck bench, "
                + "or from any OpenAI client pointed at it."));
    }
}
