package io.inferdeck.tuning.load;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of one benchmark run over its measured window (warm-up excluded). Immutable; the
 * constructor enforces the accounting invariants, so a result that exists is internally consistent:
 * sent = ok + errors + timeouts, failure buckets add up to errors + timeouts, latencies are of OK requests.
 *
 * @param measuredSeconds   measurement start → last measured completion
 * @param goodRequests      OK requests meeting the SLO individually (e2e and TTFT within target)
 * @param sloE2eMs          e2e at the SLO's percentile; {@code sloTtftMs} likewise (NaN without samples)
 * @param sendLag           scheduled → actual send; large values mean the generator could not keep up
 * @param records           per-request records, the first {@code maxRecords}; {@code recordsDropped} the rest
 */
public record BenchResult(String endpoint, String model, String load, Instant startedAt, double measuredSeconds,
                          long warmupRequests, long sent, long ok, long errors, long timeouts,
                          Map<String, Long> failuresByCause, long outputTokens, long promptTokens,
                          double requestsPerSecond, double outputTokensPerSecond, Slo slo, long goodRequests,
                          double goodputPerSecond, double sloE2eMs, double sloTtftMs, boolean sloMet,
                          LatencySummary ttft, LatencySummary itl, LatencySummary e2e, LatencySummary sendLag,
                          boolean stoppedEarly, List<RequestRecord> records, long recordsDropped) {

    public BenchResult {
        failuresByCause = Collections.unmodifiableMap(new TreeMap<>(failuresByCause));
        records = List.copyOf(records);
        check(sent >= 0 && ok >= 0 && errors >= 0 && timeouts >= 0 && warmupRequests >= 0, "negative count");
        check(sent == ok + errors + timeouts, "sent " + sent + " != ok " + ok + " + errors " + errors + " + timeouts " + timeouts);
        long failed = failuresByCause.values().stream().mapToLong(Long::longValue).sum();
        check(failed == errors + timeouts, "failure buckets add up to " + failed + ", not " + (errors + timeouts));
        check(failuresByCause.getOrDefault("timeout", 0L) == timeouts, "timeout bucket differs from the timeout count");
        check(e2e.count() == ok && ttft.count() <= ok && itl.count() <= ok, "latency samples must come from OK requests");
        check(goodRequests >= 0 && goodRequests <= ok, "good requests must be within 0..ok");
        check(records.size() + recordsDropped == sent, "records + dropped must equal sent");
        check(sloMet == (ok > 0 && sloE2eMs <= slo.e2e().toNanos() / 1e6 && sloTtftMs <= slo.ttft().toNanos() / 1e6),
                "SLO verdict disagrees with its percentiles");
        check(measuredSeconds >= 0 && requestsPerSecond >= 0 && goodputPerSecond <= requestsPerSecond + 1e-9,
                "rates must be non-negative and goodput within throughput");
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("inconsistent bench result: " + message);
        }
    }

    /** Fraction of sent requests that failed (errors and timeouts); NaN when nothing was sent. */
    public double failureRate() {
        return sent == 0 ? Double.NaN : (errors + timeouts) / (double) sent;
    }

    /**
     * The headline figures as a flat, ordered name → value map (NaN = not available), the shape run
     * history stores and compares.
     */
    public Map<String, Double> figures() {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("requests_per_s", requestsPerSecond);
        f.put("output_tokens_per_s", outputTokensPerSecond);
        f.put("goodput_per_s", goodputPerSecond);
        f.put("sent", (double) sent);
        f.put("ok", (double) ok);
        f.put("errors", (double) errors);
        f.put("timeouts", (double) timeouts);
        f.put("failure_rate", failureRate());
        putLatency(f, "ttft", ttft);
        putLatency(f, "itl", itl);
        putLatency(f, "e2e", e2e);
        f.put("slo_met", sloMet ? 1.0 : 0.0);
        return f;
    }

    private static void putLatency(Map<String, Double> f, String name, LatencySummary s) {
        f.put(name + "_p50_ms", s.p50Ms());
        f.put(name + "_p95_ms", s.p95Ms());
        f.put(name + "_p99_ms", s.p99Ms());
    }
}
