package io.inferdeck.tuning.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The bench result as JSON, schema {@code inferdeck.bench/1}: explicit field names (snake_case, units in
 * the name), "not available" as null rather than 0 or NaN, per-request records as a column table.
 */
public final class BenchJson {
    public static final String SCHEMA = "inferdeck.bench/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchJson() {
    }

    public static ObjectNode toJson(BenchResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA).put("endpoint", r.endpoint()).put("model", r.model()).put("load", r.load())
                .put("started_at", r.startedAt().toString());
        num(root, "measured_seconds", r.measuredSeconds());
        root.put("warmup_requests", r.warmupRequests()).put("stopped_early", r.stoppedEarly());
        ObjectNode req = root.putObject("requests");
        req.put("sent", r.sent()).put("ok", r.ok()).put("errors", r.errors()).put("timeouts", r.timeouts());
        ObjectNode causes = req.putObject("failures_by_cause");
        r.failuresByCause().forEach(causes::put);
        ObjectNode tput = root.putObject("throughput");
        num(tput, "requests_per_s", r.requestsPerSecond());
        num(tput, "output_tokens_per_s", r.outputTokensPerSecond());
        num(tput, "goodput_per_s", r.goodputPerSecond());
        root.putObject("tokens").put("output", r.outputTokens()).put("prompt", r.promptTokens());
        ObjectNode slo = root.putObject("slo");
        slo.put("e2e_ms", r.slo().e2e().toMillis()).put("ttft_ms", r.slo().ttft().toMillis());
        num(slo, "percentile", r.slo().percentile());
        slo.put("met", r.sloMet()).put("good_requests", r.goodRequests()).put("verdict", SloVerdict.of(r).name())
                .put("verdict_text", SloVerdict.of(r).describe(r));
        num(slo, "e2e_at_percentile_ms", r.sloE2eMs());
        num(slo, "ttft_at_percentile_ms", r.sloTtftMs());
        ObjectNode lat = root.putObject("latency_ms");
        latency(lat.putObject("ttft"), r.ttft());
        latency(lat.putObject("itl"), r.itl());
        latency(lat.putObject("e2e"), r.e2e());
        latency(lat.putObject("send_lag"), r.sendLag());
        ObjectNode recs = root.putObject("records");
        ArrayNode cols = recs.putArray("columns");
        for (String c : new String[] {"scheduled_ms", "send_lag_ms", "outcome", "cause", "ttft_ms", "itl_ms", "e2e_ms",
                "output_tokens", "prompt_tokens"}) {
            cols.add(c);
        }
        ArrayNode rows = recs.putArray("rows");
        for (RequestRecord x : r.records()) {
            ArrayNode row = rows.addArray();
            row.add(x.scheduledNanos() / 1e6).add(x.sendLagNanos() / 1e6).add(x.outcome().name()).add(x.cause());
            addMs(row, x.ttftNanos());
            addMs(row, x.itlNanos());
            row.add(x.e2eNanos() / 1e6).add(x.outputTokens());
            if (x.promptTokens() >= 0) row.add(x.promptTokens()); else row.addNull();
        }
        recs.put("dropped", r.recordsDropped());
        return root;
    }

    /** Writes {@code r} to {@code file} atomically (temp file + rename). */
    public static void write(BenchResult r, Path file) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(toJson(r)));
    }

    private static void latency(ObjectNode o, LatencySummary s) {
        o.put("count", s.count());
        num(o, "min", s.minMs());
        num(o, "mean", s.meanMs());
        num(o, "p50", s.p50Ms());
        num(o, "p90", s.p90Ms());
        num(o, "p95", s.p95Ms());
        num(o, "p99", s.p99Ms());
        num(o, "max", s.maxMs());
        interval(o.putObject("p95_ci95"), s.p95Interval());
        interval(o.putObject("p99_ci95"), s.p99Interval());
    }

    /** Bounds null when the sample count gives none (see PercentileInterval); enough_data = an upper bound exists. */
    private static void interval(ObjectNode o, PercentileInterval i) {
        num(o, "low", i.lowMs());
        num(o, "high", i.highMs());
        o.put("min_requests", PercentileInterval.minSamples(i.percentile())).put("enough_data", i.enoughData());
    }

    private static void num(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) o.put(name, v); else o.putNull(name);
    }

    private static void addMs(ArrayNode row, long nanos) {
        if (nanos >= 0) row.add(nanos / 1e6); else row.addNull();
    }
}
