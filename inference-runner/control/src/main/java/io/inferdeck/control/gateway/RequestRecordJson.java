package io.inferdeck.control.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** JSON forms of {@link RequestRecord}: a JSONL line for the log file and the /inferdeck/requests page. Thread-safe. */
public final class RequestRecordJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestRecordJson() {
    }

    /** One record as a single JSON line (the log file's and {@code inferdeck traffic --json}'s format). */
    public static String line(RequestRecord r) {
        return write(node(r));
    }

    /** {@code {"capacity":N,"requests":[...newest first]}}. */
    static String page(List<RequestRecord> records, int capacity) {
        ObjectNode o = JSON.createObjectNode();
        o.put("capacity", capacity);
        ArrayNode list = o.putArray("requests");
        records.forEach(r -> list.add(node(r)));
        return write(o);
    }

    private static ObjectNode node(RequestRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("time", r.at().toString());
        o.put("path", r.path());
        o.put("keyId", r.keyId());
        o.put("upstream", r.upstream());
        o.put("model", r.model());
        o.put("status", r.status());
        o.put("outcome", r.outcome().label());
        o.put("queueMs", r.queueMs());
        if (r.ttftMs().isPresent()) {
            o.put("ttftMs", r.ttftMs().getAsDouble());
        } else {
            o.putNull("ttftMs");
        }
        o.put("e2eMs", r.e2eMs());
        o.put("tokensIn", r.tokensIn());
        o.put("tokensOut", r.tokensOut());
        o.put("estimated", r.estimated());
        o.put("cacheHit", r.cacheHit());
        o.put("safety", r.safety());
        r.prompt().ifPresent(t -> o.put("prompt", t));
        r.completion().ifPresent(t -> o.put("completion", t));
        return o;
    }

    private static String write(ObjectNode o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);   // a tree of strings and numbers always serialises
        }
    }
}
