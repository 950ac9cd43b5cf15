package io.inferdeck.runner;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.runner.CompletionRequest.Kind;
import java.util.UUID;

/**
 * OpenAI response bodies for one completion: the full response, the streamed chunks and the usage
 * chunk. Chat chunks carry {@code delta}; text chunks carry {@code text}. One instance per request.
 */
final class OpenAiJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Kind kind;
    private final String id;
    private final long created;
    private final String model;
    private boolean roleSent;
    /** Placeholder token text used to cut the rendered chunk into prefix and suffix; JSON-safe, never generated. */
    private static final String MARK = "@@TOKEN@@";
    private static final String QUOTED_MARK = "\"" + MARK + "\"";
    private String tokenPrefix;
    private String tokenSuffix;

    OpenAiJson(Kind kind, String model, long createdEpochSeconds) {
        this.kind = kind;
        this.id = kind.idPrefix + UUID.randomUUID().toString().replace("-", "");
        this.created = createdEpochSeconds;
        this.model = model;
    }

    /**
     * The streamed chunk for one token, as JSON text. Built from a pre-rendered prefix and suffix around the
     * escaped token text: this runs once per token on the request thread, beside the decoding core.
     */
    String tokenChunk(String text) {
        String prefix = tokenPrefix;
        if (prefix == null) {
            String first = chunk(MARK, null).toString(); // carries the role, only the first time
            String later = chunk(MARK, null).toString();
            prefix = first.substring(0, first.lastIndexOf(QUOTED_MARK));
            tokenPrefix = later.substring(0, later.lastIndexOf(QUOTED_MARK));
            tokenSuffix = later.substring(later.lastIndexOf(QUOTED_MARK) + QUOTED_MARK.length());
        }
        return prefix + quote(text) + tokenSuffix;
    }

    private static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    /** A streamed chunk; {@code text} null with a finish reason makes the closing chunk. */
    ObjectNode chunk(String text, String finishReason) {
        ObjectNode c = head(kind == Kind.CHAT ? "chat.completion.chunk" : "text_completion");
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        if (kind == Kind.CHAT) {
            ObjectNode delta = choice.putObject("delta");
            if (text != null) {
                if (!roleSent) {
                    delta.put("role", "assistant");
                    roleSent = true;
                }
                delta.put("content", text);
            }
        } else {
            choice.put("text", text == null ? "" : text);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return c;
    }

    /** The last chunk when stream_options.include_usage is set: no choices, only usage. */
    ObjectNode usageChunk(int promptTokens, int completionTokens) {
        ObjectNode c = head(kind == Kind.CHAT ? "chat.completion.chunk" : "text_completion");
        c.putArray("choices");
        c.set("usage", usage(promptTokens, completionTokens));
        return c;
    }

    ObjectNode response(String text, String finishReason, int promptTokens, int completionTokens) {
        ObjectNode r = head(kind.object);
        ArrayNode choices = r.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        if (kind == Kind.CHAT) {
            ObjectNode msg = choice.putObject("message");
            msg.put("role", "assistant");
            msg.put("content", text);
        } else {
            choice.put("text", text);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        r.set("usage", usage(promptTokens, completionTokens));
        return r;
    }

    private ObjectNode head(String object) {
        ObjectNode o = F.objectNode();
        o.put("id", id);
        o.put("object", object);
        o.put("created", created);
        o.put("model", model);
        return o;
    }

    private static ObjectNode usage(int prompt, int completion) {
        ObjectNode u = F.objectNode();
        u.put("prompt_tokens", prompt);
        u.put("completion_tokens", completion);
        u.put("total_tokens", prompt + completion);
        return u;
    }
}
