package io.inferdeck.control.gateway;

import io.inferdeck.control.gateway.SafetyGate.Refusal;
import io.inferdeck.control.gateway.filter.FilterDecision;
import io.inferdeck.control.gateway.filter.FilterOutcome;
import io.inferdeck.control.gateway.filter.StreamGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;

/**
 * One request's passage through the {@link SafetyGate}: the call to forward (its prompt texts masked), a refusal
 * instead, the input decision, the guards its reply went through and the captured texts. {@link #finish} sums it
 * up for the request log once the reply is done. Confined to the request's thread.
 */
final class Screening {
    private final SafetyGate gate;
    private final ClientCall call;
    private final Optional<FilterOutcome> input;
    private final Optional<Refusal> refusal;
    private final Optional<String> prompt;
    private final List<StreamGuard> guards = new ArrayList<>();
    private CaptureText completion;
    private String label;

    Screening(SafetyGate gate, ClientCall call, Optional<FilterOutcome> input, Optional<Refusal> refusal,
              Optional<String> prompt) {
        this.gate = gate;
        this.call = call;
        this.input = input;
        this.refusal = refusal;
        this.prompt = prompt;
    }

    /** The request as it is to be forwarded (personal data masked). */
    ClientCall call() {
        return call;
    }

    Optional<Refusal> refusal() {
        return refusal;
    }

    boolean filtersOutput() {
        return gate.filtersOutput();
    }

    /**
     * What the upstream reply is written to when its text is filtered or captured; empty when it passes to the client
     * untouched.
     */
    Optional<ReplyOutput> reply(Response response, String contentType) {
        if (refusal.isPresent() || !gate.filtersOutput() && !gate.captures() || contentType == null) {
            return Optional.empty();
        }
        if (contentType.startsWith("text/event-stream")) {
            return Optional.of(new SseReplyFilter(Content.Sink.asOutputStream(response), this));
        }
        return contentType.contains("json")
                ? Optional.of(new JsonReplyFilter(Content.Sink.asOutputStream(response), response, this)) : Optional.empty();
    }

    StreamGuard newGuard() {
        StreamGuard g = gate.guard();
        guards.add(g);
        if (completion == null && gate.captures()) {
            completion = new CaptureText();
        }
        return g;
    }

    /** Reply text released to the client (already filtered), for capture. */
    void captured(String released) {
        if (completion != null) {
            completion.append(released);
        }
    }

    String blockedMessage() {
        FilterOutcome o = output();
        return "the reply was stopped by the safety filter's " + o.stage() + " stage (" + o.reason() + ")";
    }

    /** The SSE error event's JSON that ends a blocked stream. */
    String blockedBody() {
        return OpenAiErrors.body(blockedMessage(), OpenAiErrors.type(400), "content_policy");
    }

    private FilterOutcome output() {
        return guards.stream().map(StreamGuard::outcome).reduce(FilterOutcome.PASS, FilterOutcome::orWorse);
    }

    /**
     * The request log's safety value: {@code none} when no filter looked at it, else the most severe of the input
     * and reply decisions ({@code pass, masked, review, blocked}; a held request is {@code review}). The first call
     * counts and logs the reply's decision.
     */
    String finish() {
        if (label == null) {
            Optional<FilterOutcome> decided = input;
            if (gate.filtersOutput() && !guards.isEmpty()) {
                FilterOutcome reply = output();
                gate.counted("output", reply, call);
                decided = Optional.of(input.map(reply::orWorse).orElse(reply));
            }
            label = decided.map(o -> o.decision() == FilterDecision.HOLD ? "review" : o.decision().label())
                    .orElse(RequestRecord.NONE);
        }
        return label;
    }

    Optional<String> prompt() {
        return prompt;
    }

    Optional<String> completion() {
        return Optional.ofNullable(completion).map(gate::maskCapture);
    }
}
