package io.inferdeck.control.driver;

import io.inferdeck.control.launch.HealthCheck;
import io.inferdeck.control.metrics.EngineFlavor;
import io.inferdeck.control.metrics.MetricMapping;
import io.inferdeck.control.metrics.MetricMapping.Counter;
import io.inferdeck.control.metrics.MetricMapping.Latency;
import io.inferdeck.control.metrics.MetricMapping.Level;
import io.inferdeck.control.metrics.MetricsDialect;
import io.inferdeck.control.metrics.Selector;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileIssue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hugging Face Text Generation Inference, attached at {@code baseUrl} (usually a container InferDeck does
 * not manage): never started or stopped. Ready while {@code GET /health} answers 200. OpenAI API under
 * {@code /v1}.
 *
 * <p>Metric names from TGI's metrics reference (its Prometheus exporter writes counters without a
 * {@code _total} suffix): completed = {@code tgi_request_success}, errors = {@code tgi_request_failure}
 * (every {@code err} label), prompt tokens = the sum of the {@code tgi_request_input_length} histogram,
 * generated tokens = the sum of {@code tgi_request_generated_tokens}; e2e = {@code tgi_request_duration};
 * ITL = {@code tgi_request_mean_time_per_token_duration} (each request's mean gap, not every gap); running =
 * {@code tgi_batch_current_size}, waiting = {@code tgi_queue_size}. TGI exports no time to first token and no
 * KV usage: both read "not available". {@code tgi_request_queue_duration} has no place in EngineMetrics yet.
 */
public final class TgiDriver extends AttachedDriver {
    static final MetricsDialect METRICS = new MetricsDialect(new EngineFlavor("tgi"), "tgi_", new MetricMapping(
            Map.of(Counter.COMPLETED, Selector.sum("tgi_request_success"),
                    Counter.ERRORS, Selector.sum("tgi_request_failure"),
                    Counter.PROMPT_TOKENS, Selector.sum("tgi_request_input_length_sum"),
                    Counter.GENERATED_TOKENS, Selector.sum("tgi_request_generated_tokens_sum")),
            Map.of(Latency.E2E, List.of("tgi_request_duration"),
                    Latency.ITL, List.of("tgi_request_mean_time_per_token_duration")),
            Map.of(Level.RUNNING, Selector.sum("tgi_batch_current_size"),
                    Level.WAITING, Selector.sum("tgi_queue_size"))));

    @Override
    public EngineKind kind() {
        return new EngineKind("tgi");
    }

    @Override
    public void validate(DeploymentProfile p, List<ProfileIssue> out) {
        BaseUrlRule.check(p.baseUrl(), "required for a TGI engine (e.g. http://127.0.0.1:8080)", out);
    }

    @Override
    public HealthCheck health() {
        return HealthCheck.ok("/health");
    }

    @Override
    public Optional<MetricsDialect> metrics() {
        return Optional.of(METRICS);
    }
}
