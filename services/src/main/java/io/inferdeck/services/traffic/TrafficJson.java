package io.inferdeck.services.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.control.gateway.RequestRecord;
import io.inferdeck.control.gateway.RequestRecordJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads the gateway's request-log page ({@code {"capacity":N,"requests":[...]}}, written by
 * {@code control.gateway.RequestRecordJson}) and writes one entry back in the same field names (the CLI's
 * {@code --json} lines). Required per request: time, path, upstream, model, status, outcome, queueMs, e2eMs,
 * tokensIn, tokensOut. Optional, with what their absence means: {@code ttftMs} (null or absent: no token was
 * streamed), {@code keyId} ({@code none}), {@code estimated} and {@code cacheHit} (false), {@code safety}
 * ({@code none}: no filter ran), {@code prompt}/{@code completion} (absent unless capture is on). Stateless.
 */
public final class TrafficJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrafficJson() {
    }

    /** @throws TrafficFormatException naming the request's index and field when the page is not a request log */
    public static TrafficPage parse(String text) throws TrafficFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new TrafficFormatException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("capacity").canConvertToInt() || !root.path("requests").isArray()) {
            throw new TrafficFormatException("not a request log: expected {\"capacity\":N,\"requests\":[...]}");
        }
        List<TrafficEntry> entries = new ArrayList<>();
        for (JsonNode r : root.get("requests")) {
            try {
                entries.add(entry(r));
            } catch (TrafficFormatException | IllegalArgumentException | DateTimeParseException e) {
                throw new TrafficFormatException("request " + entries.size() + ": " + e.getMessage());
            }
        }
        try {
            return new TrafficPage(root.get("capacity").asInt(), entries);
        } catch (IllegalArgumentException e) {
            throw new TrafficFormatException(e.getMessage());
        }
    }

    private static TrafficEntry entry(JsonNode r) throws TrafficFormatException {
        JsonNode ttft = r.path("ttftMs");
        RequestRecord record = new RequestRecord(Instant.parse(text(r, "time")), text(r, "path"),
                optionalText(r, "keyId").orElse(RequestRecord.NONE), text(r, "upstream"), text(r, "model"),
                (int) number(r, "status"), outcome(text(r, "outcome")),
                number(r, "queueMs"), ttft.isNumber() ? OptionalDouble.of(ttft.asDouble()) : OptionalDouble.empty(),
                number(r, "e2eMs"), (long) number(r, "tokensIn"), (long) number(r, "tokensOut"),
                r.path("estimated").asBoolean(false), r.path("cacheHit").asBoolean(false),
                optionalText(r, "safety").orElse(RequestRecord.NONE), optionalText(r, "prompt"), optionalText(r, "completion"));
        return new TrafficEntry(record);
    }

    private static RequestRecord.Outcome outcome(String label) throws TrafficFormatException {
        for (RequestRecord.Outcome o : RequestRecord.Outcome.values()) {
            if (o.label().equals(label)) {
                return o;
            }
        }
        throw new TrafficFormatException("unknown outcome '" + label + "'");
    }

    private static String text(JsonNode r, String field) throws TrafficFormatException {
        return optionalText(r, field).orElseThrow(() -> new TrafficFormatException("missing " + field));
    }

    private static Optional<String> optionalText(JsonNode r, String field) {
        JsonNode v = r.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static double number(JsonNode r, String field) throws TrafficFormatException {
        JsonNode v = r.get(field);
        if (v == null || !v.isNumber()) {
            throw new TrafficFormatException((v == null || v.isNull() ? "missing " : "not a number: ") + field);
        }
        return v.asDouble();
    }

    /** One entry as a single JSON line, in the gateway's field names ({@code ttftMs} null when not available). */
    public static String line(TrafficEntry e) {
        return RequestRecordJson.line(e.request());   // the gateway's own format: one writer for both
    }
}
