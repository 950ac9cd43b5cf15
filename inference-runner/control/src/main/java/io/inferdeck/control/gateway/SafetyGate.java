package io.inferdeck.control.gateway;

import io.inferdeck.control.gateway.filter.FilterDecision;
import io.inferdeck.control.gateway.filter.FilterOutcome;
import io.inferdeck.control.gateway.filter.InputVerdict;
import io.inferdeck.control.gateway.filter.StreamGuard;
import io.inferdeck.control.gateway.filter.TextMasker;
import io.inferdeck.control.gateway.filter.TrafficFilter;
import java.util.List;
import java.util.Optional;

/**
 * A gateway's live safety filtering and prompt capture ({@link GatewayExtensions}): screens each request before
 * it is routed ({@link #screen}) and gives its reply the guards that filter it ({@link Screening}). Input
 * decisions: block → 400 {@code content_policy}; hold → 403 {@code content_review_pending} until a reviewer
 * decided; otherwise the request is forwarded with the filter's masked texts. A body that is not JSON cannot be
 * filtered and is refused (400 {@code invalid_json}) rather than forwarded unread. Each decision is counted
 * ({@link GatewayMetrics#safetyDecision}) and the ones that stop or queue a text are logged with their masked
 * excerpt. Thread-safe: stateless apart from its collaborators (the filter is).
 */
final class SafetyGate implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SafetyGate.class.getName());

    private final Optional<TrafficFilter> filter;
    private final Optional<TextMasker> capture;
    private final GatewayMetrics metrics;

    SafetyGate(GatewayExtensions extensions, GatewayMetrics metrics) {
        this.filter = extensions.safety();
        this.capture = extensions.capture();
        this.metrics = metrics;
        filter.filter(f -> !f.verdictCacheLookups().isEmpty()).ifPresent(f -> metrics.safetyCache(f::verdictCacheLookups));
    }

    /** A refusal the gateway answers itself, in OpenAI's error shape. */
    record Refusal(int status, String message, String code) {
    }

    Screening screen(ClientCall call) {
        if (filter.isEmpty() && capture.isEmpty()) {
            return new Screening(this, call, Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<PromptTexts> prompt = PromptTexts.of(call.body());
        if (filter.isPresent() && call.body().bytes().length > 0 && prompt.isEmpty()) {
            return new Screening(this, call, Optional.empty(), Optional.of(new Refusal(400,
                    "live safety filtering needs a JSON request body", "invalid_json")), Optional.empty());
        }
        List<String> texts = prompt.map(PromptTexts::texts).orElse(List.of());
        Optional<FilterOutcome> input = Optional.empty();
        Optional<Refusal> refusal = Optional.empty();
        ClientCall forwarded = call;
        if (filter.isPresent() && !texts.isEmpty()) {
            InputVerdict v = filter.get().inspect(texts);
            input = Optional.of(v.outcome());
            counted("input", v.outcome(), call);
            refusal = refusal(v.outcome());
            texts = v.texts();
            if (refusal.isEmpty()) {
                forwarded = call.withBody(prompt.get().withTexts(texts, call.body()));
            }
        }
        Optional<String> captured = Optional.empty();
        if (capture.isPresent() && !texts.isEmpty()) {
            CaptureText text = new CaptureText();
            text.append(String.join("\n", texts));
            captured = Optional.of(text.masked(capture.get()));
        }
        return new Screening(this, forwarded, input, refusal, captured);
    }

    private static Optional<Refusal> refusal(FilterOutcome o) {
        return switch (o.decision()) {
            case BLOCK -> Optional.of(new Refusal(400, "the request was blocked by the safety filter's " + o.stage()
                    + " stage (" + o.reason() + ")", "content_policy"));
            case HOLD -> Optional.of(new Refusal(403, "the request is held for human review (" + o.stage() + ": "
                    + o.reason() + "); send it again once a reviewer approved it", "content_review_pending"));
            default -> Optional.empty();
        };
    }

    boolean filtersOutput() {
        return filter.isPresent() && filter.get().filtersOutput();
    }

    boolean captures() {
        return capture.isPresent();
    }

    /** A guard for one reply text: the filter's, or one that passes everything when only capture is on. */
    StreamGuard guard() {
        return filtersOutput() ? filter.get().guard() : StreamGuard.PASS_THROUGH;
    }

    String maskCapture(CaptureText text) {
        return text.masked(capture.orElseThrow());
    }

    /** Counts a decision and logs it when it stopped or queued a text (masked excerpt only). */
    void counted(String direction, FilterOutcome o, ClientCall call) {
        metrics.safetyDecision(direction, o.stage(), o.decision().label());
        if (o.decision().ordinal() >= FilterDecision.REVIEW.ordinal()) {
            LOG.log(System.Logger.Level.INFO, () -> "safety " + direction + " " + o.decision().label() + " by " + o.stage()
                    + " (" + o.reason() + ") " + call.pathAndQuery() + " model=" + call.model() + " key=" + call.keyId()
                    + ": " + o.excerpt());
        } else if (o.decision() == FilterDecision.MASKED) {
            LOG.log(System.Logger.Level.DEBUG, () -> "safety " + direction + " masked by " + o.stage() + " (" + o.reason()
                    + ") " + call.pathAndQuery());
        }
    }

    @Override
    public void close() {
        filter.ifPresent(TrafficFilter::close);
    }
}
