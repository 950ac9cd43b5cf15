package io.inferdeck.control.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Text forms of {@link EngineMetrics} for the CLI and logs: one JSON object per line (latencies in
 * seconds, "not available" as null) or a table row (latencies in milliseconds with the requests the
 * percentiles rest on, "n/a"; fixed-width columns, then who measured the figures). The response cache's hit
 * rate is {@code {"ratio", "lookups"}} in JSON and a percentage in the table, null / "n/a" (never 0) while
 * the cache is off or saw no lookups. The JSON names who measured each figure under {@code sources} (engine,
 * gateway, or null when the figure is not available); the table's last column and the Dashboard's "Engine
 * metrics:" line are both {@link #sourcesText}. Thread-safe.
 */
public final class EngineMetricsFormat {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "%-8s  %-9s  %7s  %6s  %9s  %9s  %-28s  %-28s  %4s  %4s  %5s  %5s  %s";

    private EngineMetricsFormat() {
    }

    public static String jsonLine(EngineMetrics m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("at", m.at().toString());
        o.put("engine", m.flavor().id());
        o.put("windowSeconds", m.window().toNanos() / 1e9);
        put(o, "qps", m.qps());
        put(o, "errorsPerSec", m.errorsPerSec());
        put(o, "tokensInPerSec", m.tokensInPerSec());
        put(o, "tokensOutPerSec", m.tokensOutPerSec());
        percentiles(o.putObject("e2eSeconds"), m.e2e());
        percentiles(o.putObject("ttftSeconds"), m.ttft());
        percentiles(o.putObject("itlSeconds"), m.itl());
        put(o, "running", m.running());
        put(o, "waiting", m.waiting());
        put(o, "kvCacheUsage", m.kvCacheUsage());
        if (m.cacheHitRate().isPresent()) {
            o.putObject("cacheHitRate").put("ratio", m.cacheHitRate().get().ratio()).put("lookups", m.cacheHitRate().get().lookups());
        } else {
            o.putNull("cacheHitRate");
        }
        ObjectNode sources = o.putObject("sources");
        for (Figure f : Figure.values()) {
            sources.put(f.jsonKey(), m.source(f).map(FigureSource::id).orElse(null));
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of numbers and strings always serialises
        }
    }

    /**
     * Who measured the figures, for one-line status texts: the engine's flavor alone when the engine gave
     * every figure, {@code "gateway only"} when the engine gave none (a remote engine without /metrics), else
     * the engine's flavor plus the figures the gateway filled in, e.g.
     * {@code "llama.cpp + gateway (qps, e2e, ttft via gateway)"}.
     */
    public static String sourcesText(EngineMetrics m) {
        List<String> viaGateway = Arrays.stream(Figure.values())
                .filter(f -> m.source(f).filter(FigureSource.GATEWAY::equals).isPresent()).map(Figure::label).toList();
        if (viaGateway.isEmpty()) {
            return m.flavor().id();
        }
        if (m.flavor().equals(GatewayMetricNames.FLAVOR)) {
            return "gateway only";
        }
        return m.flavor().id() + " + gateway (" + String.join(", ", viaGateway) + " " + FigureSource.GATEWAY.note() + ")";
    }

    private static void percentiles(ObjectNode o, Percentiles p) {
        put(o, "p50", p.p50());
        put(o, "p95", p.p95());
        put(o, "p99", p.p99());
        put(o, "observations", p.observations());
    }

    /** Non-finite values cannot be JSON numbers; they read as not available. */
    private static void put(ObjectNode o, String key, OptionalDouble v) {
        if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
            o.put(key, v.getAsDouble());
        } else {
            o.putNull(key);
        }
    }

    public static String tableHeader() {
        return String.format(Locale.ROOT, ROW, "time", "engine", "qps", "err/s", "tok/s in", "tok/s out",
                "e2e p50/p95/p99 ms (n)", "ttft p50/p95/p99 ms (n)", "run", "wait", "kv%", "hit%", "sources");
    }

    public static String tableRow(EngineMetrics m, ZoneId zone) {
        return String.format(Locale.ROOT, ROW, DateTimeFormatter.ofPattern("HH:mm:ss").format(m.at().atZone(zone)),
                m.flavor().id(), fixed(m.qps(), 2), fixed(m.errorsPerSec(), 2), fixed(m.tokensInPerSec(), 1),
                fixed(m.tokensOutPerSec(), 1), millis(m.e2e()), millis(m.ttft()), fixed(m.running(), 0),
                fixed(m.waiting(), 0), percent(m.kvCacheUsage()),
                percent(m.cacheHitRate().map(r -> OptionalDouble.of(r.ratio())).orElse(OptionalDouble.empty())),
                sourcesText(m));
    }

    /** P50/P95/P99 and, in brackets, how many requests they rest on (when the engine counts them). */
    private static String millis(Percentiles p) {
        if (p.p50().isEmpty()) {
            return "n/a";
        }
        String count = p.observations().isPresent() ? " (" + fixed(p.observations(), 0) + ")" : "";
        return ms(p.p50()) + "/" + ms(p.p95()) + "/" + ms(p.p99()) + count;
    }

    private static String percent(OptionalDouble ratio) {
        return ratio.isPresent() ? fixed(OptionalDouble.of(ratio.getAsDouble() * 100), 1) : "n/a";
    }

    private static String ms(OptionalDouble seconds) {
        return seconds.isPresent() ? fixed(OptionalDouble.of(seconds.getAsDouble() * 1000), 1) : "n/a";
    }

    private static String fixed(OptionalDouble v, int decimals) {
        return v.isPresent() ? String.format(Locale.ROOT, "%." + decimals + "f", v.getAsDouble()) : "n/a";
    }
}
