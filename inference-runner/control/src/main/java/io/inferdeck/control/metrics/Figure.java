package io.inferdeck.control.metrics;

/**
 * The figures of an {@link EngineMetrics}, each with the JSON key {@link EngineMetricsFormat} prints it
 * under and a short label for "which figures came from where" lines.
 */
public enum Figure {
    QPS("qps", "qps"),
    ERRORS_PER_SEC("errorsPerSec", "errors/s"),
    TOKENS_IN_PER_SEC("tokensInPerSec", "tokens in/s"),
    TOKENS_OUT_PER_SEC("tokensOutPerSec", "tokens out/s"),
    E2E("e2eSeconds", "e2e"),
    TTFT("ttftSeconds", "ttft"),
    ITL("itlSeconds", "itl"),
    RUNNING("running", "running"),
    WAITING("waiting", "waiting"),
    KV_CACHE_USAGE("kvCacheUsage", "kv cache"),
    CACHE_HIT_RATE("cacheHitRate", "cache hit rate");

    private final String jsonKey;
    private final String label;

    Figure(String jsonKey, String label) {
        this.jsonKey = jsonKey;
        this.label = label;
    }

    public String jsonKey() {
        return jsonKey;
    }

    public String label() {
        return label;
    }
}
