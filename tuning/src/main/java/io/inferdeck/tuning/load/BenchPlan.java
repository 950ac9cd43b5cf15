package io.inferdeck.tuning.load;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything one benchmark run needs; a sweep builds one per grid point and calls
 * {@link LoadGenerator#run}. Stops at {@code duration} or after {@code maxRequests} measured requests,
 * whichever comes first (at least one of them must be set; 0 means unset).
 *
 * @param endpoint       the chat completions URL (see {@link #chatEndpoint(String)})
 * @param model          the "model" field sent; null = ask GET /v1/models and use the first id
 * @param apiKey         sent as a Bearer token when not null
 * @param warmup         requests issued in this first window are sent but not measured
 * @param maxInFlight    open loop only: most requests outstanding at once; when reached the scheduler
 *                       waits, and the wait shows as latency because it is measured from scheduled time
 * @param requestTimeout a request not finished by then (from its send) counts as a timeout
 * @param maxRecords     per-request records kept in the result (histograms and counts cover all)
 * @param extension      how far the window may grow past {@code duration} until the SLO's percentiles are known
 *                       well enough ({@link Extension#NONE}: not at all)
 */
public record BenchPlan(URI endpoint, String model, String apiKey, LoadShape load, Duration warmup, Duration duration,
                        long maxRequests, int maxTokens, PromptSet prompts, Duration requestTimeout, Slo slo, long seed,
                        int maxInFlight, Duration progressInterval, int maxRecords, Extension extension) {

    /**
     * Extends the measured window past {@code duration}, up to {@code budget} in all, until the SLO percentile's
     * 95% intervals ({@link PercentileInterval}) of e2e and TTFT are each either wholly above the target (missed
     * whatever comes), or have an upper bound and lie within {@code relativeHalfWidth} of the estimate or wholly
     * below the target. Checked once per progress interval.
     */
    public record Extension(Duration budget, double relativeHalfWidth) {
        public static final Extension NONE = new Extension(Duration.ZERO, 0);

        public Extension {
            if (budget.isNegative() || relativeHalfWidth < 0) {
                throw new IllegalArgumentException("extension budget and width must not be negative");
            }
        }
    }

    /** Without an extension (the window is {@code duration}, or the request count). */
    public BenchPlan(URI endpoint, String model, String apiKey, LoadShape load, Duration warmup, Duration duration,
                     long maxRequests, int maxTokens, PromptSet prompts, Duration requestTimeout, Slo slo, long seed,
                     int maxInFlight, Duration progressInterval, int maxRecords) {
        this(endpoint, model, apiKey, load, warmup, duration, maxRequests, maxTokens, prompts, requestTimeout, slo, seed,
                maxInFlight, progressInterval, maxRecords, Extension.NONE);
    }

    /** The measured window's hard end from measurement start: {@code duration}, or the extension budget when longer. */
    public Duration windowLimit() {
        return extended() ? extension.budget() : duration;
    }

    /**
     * True when the measured window may go on past {@code duration} ({@link Extension}); never for a run bounded only
     * by a request count (zero duration), which always sends all its requests.
     */
    public boolean extended() {
        return !duration.isZero() && extension.budget().compareTo(duration) > 0;
    }

    /** The same plan under another load shape (a sweep's open-loop rate ladder). */
    public BenchPlan withLoad(LoadShape shape) {
        return new BenchPlan(endpoint, model, apiKey, shape, warmup, duration, maxRequests, maxTokens, prompts, requestTimeout,
                slo, seed, maxInFlight, progressInterval, maxRecords, extension);
    }

    public BenchPlan {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(prompts, "prompts");
        Objects.requireNonNull(slo, "slo");
        Objects.requireNonNull(extension, "extension");
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("URL must be http:// or https://, was " + endpoint);
        }
        if (duration.isNegative() || warmup.isNegative() || maxRequests < 0) {
            throw new IllegalArgumentException("duration, warm-up and request count must not be negative");
        }
        if (duration.isZero() && maxRequests == 0) {
            throw new IllegalArgumentException("give a duration or a request count");
        }
        if (maxTokens < 1 || maxInFlight < 1 || maxRecords < 0 || !requestTimeout.isPositive() || !progressInterval.isPositive()) {
            throw new IllegalArgumentException("max tokens, in-flight limit, timeout and progress interval must be positive");
        }
    }

    public static Builder builder(String url, LoadShape load) {
        return new Builder(chatEndpoint(url), load);
    }

    /**
     * Accepts a server root ({@code http://h:p}), its {@code /v1}, or the full chat completions URL.
     */
    public static URI chatEndpoint(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (u.endsWith("/chat/completions")) {
            return URI.create(u);
        }
        return URI.create(u.endsWith("/v1") ? u + "/chat/completions" : u + "/v1/chat/completions");
    }

    public static final class Builder {
        private final URI endpoint;
        private final LoadShape load;
        private String model, apiKey;
        private Duration warmup = Duration.ZERO, duration = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(60), progressInterval = Duration.ofSeconds(1);
        private long maxRequests, seed = 1;
        private int maxTokens = 64, maxInFlight = 1024, maxRecords = 100_000;
        private PromptSet prompts = PromptSet.builtIn();
        private Slo slo = Slo.DEFAULT;
        private Extension extension = Extension.NONE;

        private Builder(URI endpoint, LoadShape load) {
            this.endpoint = endpoint;
            this.load = load;
        }

        public Builder model(String model) { this.model = model; return this; }
        public Builder apiKey(String key) { this.apiKey = key; return this; }
        public Builder warmup(Duration d) { this.warmup = d; return this; }
        /** Measurement window; {@link Duration#ZERO} for "until the request count is reached". */
        public Builder duration(Duration d) { this.duration = d; return this; }
        public Builder maxRequests(long n) { this.maxRequests = n; return this; }
        public Builder maxTokens(int n) { this.maxTokens = n; return this; }
        public Builder prompts(PromptSet p) { this.prompts = p; return this; }
        public Builder requestTimeout(Duration d) { this.requestTimeout = d; return this; }
        public Builder slo(Slo s) { this.slo = s; return this; }
        public Builder seed(long s) { this.seed = s; return this; }
        public Builder maxInFlight(int n) { this.maxInFlight = n; return this; }
        public Builder progressInterval(Duration d) { this.progressInterval = d; return this; }
        public Builder maxRecords(int n) { this.maxRecords = n; return this; }
        public Builder extension(Extension e) { this.extension = e; return this; }

        public BenchPlan build() {
            return new BenchPlan(endpoint, model, apiKey, load, warmup, duration, maxRequests, maxTokens, prompts,
                    requestTimeout, slo, seed, maxInFlight, progressInterval, maxRecords, extension);
        }
    }
}
