package io.inferdeck.control.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.control.endpoint.EngineEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A streaming chat completion request: the conversation so far plus sampling. Immutable. */
public record ChatRequest(List<ChatMessage> messages, Sampling sampling) {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ChatRequest {
        messages = List.copyOf(messages);
        Objects.requireNonNull(sampling, "sampling");
    }

    /** Problems that would make the engine answer 400; empty when the request can be sent. */
    public List<String> validate() {
        List<String> errors = new ArrayList<>(sampling.validate());
        if (messages.stream().noneMatch(m -> m.role().equals("user"))) {
            errors.add("messages: at least one user message is needed");
        }
        return errors;
    }

    /** The exact body sent: {@code stream:true} with the usage chunk requested. */
    public ObjectNode toJsonTree() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode msgs = root.putArray("messages");
        for (ChatMessage m : messages) {
            msgs.addObject().put("role", m.role()).put("content", m.content());
        }
        Sampling s = sampling;
        if (s.temperature() != null) root.put("temperature", s.temperature());
        if (s.topP() != null) root.put("top_p", s.topP());
        if (s.topK() != null) root.put("top_k", s.topK());
        if (s.maxTokens() != null) root.put("max_tokens", s.maxTokens());
        if (s.seed() != null) root.put("seed", s.seed());
        if (!s.stop().isEmpty()) {
            ArrayNode stop = root.putArray("stop");
            s.stop().forEach(stop::add);
        }
        if (s.presencePenalty() != null) root.put("presence_penalty", s.presencePenalty());
        if (s.frequencyPenalty() != null) root.put("frequency_penalty", s.frequencyPenalty());
        root.put("stream", true);
        root.putObject("stream_options").put("include_usage", true);
        return root;
    }

    public String toJson() {
        return toJsonTree().toString();
    }

    public String toPrettyJson() {
        try {
            return PRETTY.writeValueAsString(toJsonTree());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy-pasteable {@code curl} command; the API key, if any, is shown as {@code $INFERDECK_API_KEY}. */
    public String toCurl(EngineEndpoint endpoint) {
        StringBuilder b = new StringBuilder("curl -N ").append(endpoint.resolve("/v1/chat/completions")).append(" \\\n");
        b.append("  -H 'Content-Type: application/json' \\\n");
        endpoint.key().ifPresent(k -> b.append("  -H \"Authorization: Bearer $INFERDECK_API_KEY\" \\\n"));
        b.append("  -d '").append(toJson().replace("'", "'\\''")).append("'");
        return b.toString();
    }
}
