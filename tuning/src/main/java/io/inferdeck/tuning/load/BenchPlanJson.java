package io.inferdeck.tuning.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A plan as a JSON snapshot for run history (the "profile" of a bare-URL benchmark; a sweep stores its
 * deployment profile beside it). The API key is never included.
 */
public final class BenchPlanJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchPlanJson() {
    }

    public static ObjectNode toJson(BenchPlan p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("endpoint", p.endpoint().toString()).put("model", p.model());
        ObjectNode load = o.putObject("load");
        switch (p.load()) {
            case LoadShape.ClosedLoop c -> load.put("mode", "closed").put("concurrency", c.concurrency());
            case LoadShape.OpenLoop r -> load.put("mode", "open").put("rate_per_s", r.ratePerSecond())
                    .put("arrivals", r.arrivals().name().toLowerCase(java.util.Locale.ROOT));
        }
        o.put("warmup_ms", p.warmup().toMillis()).put("duration_ms", p.duration().toMillis())
                .put("max_requests", p.maxRequests()).put("max_tokens", p.maxTokens())
                .put("prompts", p.prompts().name()).put("prompt_count", p.prompts().prompts().size())
                .put("request_timeout_ms", p.requestTimeout().toMillis()).put("seed", p.seed());
        o.putObject("slo").put("e2e_ms", p.slo().e2e().toMillis()).put("ttft_ms", p.slo().ttft().toMillis())
                .put("percentile", p.slo().percentile());
        return o;
    }
}
