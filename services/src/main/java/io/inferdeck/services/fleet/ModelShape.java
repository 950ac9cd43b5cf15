package io.inferdeck.services.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * What a multi-node split needs to know of a model, from its Hugging Face {@code config.json}
 * ({@code num_attention_heads}, {@code num_key_value_heads} — absent means one KV head per attention head —,
 * {@code num_hidden_layers}) and the size of its weights in bytes. Immutable.
 */
public record ModelShape(int attentionHeads, int kvHeads, int layers, long weightBytes) {
    public ModelShape {
        if (attentionHeads < 1 || kvHeads < 1 || layers < 1 || weightBytes < 1) {
            throw new IllegalArgumentException("heads, KV heads, layers and weight bytes must be positive");
        }
    }

    /** @throws IllegalArgumentException when the config lacks the fields or they are not positive integers */
    public static ModelShape fromConfigJson(String json, long weightBytes) throws IOException {
        JsonNode c = new ObjectMapper().readTree(json);
        JsonNode text = c.has("num_attention_heads") ? c : c.path("text_config");   // multimodal configs nest it
        int heads = positive(text, "num_attention_heads");
        int kv = text.has("num_key_value_heads") ? positive(text, "num_key_value_heads") : heads;
        return new ModelShape(heads, kv, positive(text, "num_hidden_layers"), weightBytes);
    }

    private static int positive(JsonNode c, String field) {
        JsonNode v = c.path(field);
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
            throw new IllegalArgumentException("config.json: " + field + " missing or not a positive integer");
        }
        return v.asInt();
    }
}
