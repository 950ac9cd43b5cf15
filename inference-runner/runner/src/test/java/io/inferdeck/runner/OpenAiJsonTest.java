package io.inferdeck.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.runner.CompletionRequest.Kind;
import org.junit.jupiter.api.Test;

class OpenAiJsonTest {
    private static final ObjectMapper M = new ObjectMapper();

    @Test
    void fastTokenChunksEqualTheTreeRenderedOnes() throws Exception {
        for (Kind kind : Kind.values()) {
            OpenAiJson fast = new OpenAiJson(kind, "@@TOKEN@@ \"model\"", 42);
            OpenAiJson tree = new OpenAiJson(kind, "@@TOKEN@@ \"model\"", 42);
            for (String text : new String[] {"plain", "", "quote \" back \\ nl \n tab \t", "\u0000\u001f ü 😀 \u2028", "@@TOKEN@@"}) {
                ObjectNode a = (ObjectNode) M.readTree(fast.tokenChunk(text));
                ObjectNode b = (ObjectNode) M.readTree(tree.chunk(text, null).toString()); // same number node types
                a.remove("id"); // a random id per instance
                b.remove("id");
                assertThat(a).as("chunk for %s", text).isEqualTo(b);
            }
        }
    }

    @Test
    void onlyTheFirstChatChunkCarriesTheRole() throws Exception {
        OpenAiJson j = new OpenAiJson(Kind.CHAT, "m", 1);
        assertThat(M.readTree(j.tokenChunk("a")).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(M.readTree(j.tokenChunk("b")).at("/choices/0/delta").has("role")).isFalse();
        assertThat(M.readTree(j.tokenChunk("b")).at("/choices/0/delta/content").asText()).isEqualTo("b");
    }
}
