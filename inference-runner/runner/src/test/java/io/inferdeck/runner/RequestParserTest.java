package io.inferdeck.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.runner.CompletionRequest.Kind;
import io.inferdeck.runner.Engine.ChatTurn;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestParserTest {
    private final RequestParser parser = new RequestParser(InputLimits.DEFAULTS);

    private CompletionRequest chat(String json) throws ApiError {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), Kind.CHAT);
    }

    private CompletionRequest text(String json) throws ApiError {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), Kind.TEXT);
    }

    @Test
    void chatWithEverySamplingField() throws Exception {
        CompletionRequest r = chat("""
                {"model":"x","messages":[{"role":"system","content":"S1"},{"role":"developer","content":"S2"},
                 {"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},
                 {"role":"assistant","content":"c"},{"role":"user","content":"d","name":"me"}],
                 "stream":true,"stream_options":{"include_usage":true},"max_completion_tokens":7,"temperature":0,
                 "top_p":0.5,"top_k":3,"seed":9,"stop":["x","y"],"presence_penalty":-1.5,"frequency_penalty":2,
                 "n":1,"user":"u","logprobs":false,"response_format":{"type":"text"},"ignore_eos":true}""");
        assertThat(r.system()).isEqualTo("S1\n\nS2");
        assertThat(r.turns()).containsExactly(new ChatTurn("user", "ab"), new ChatTurn("assistant", "c"), new ChatTurn("user", "d"));
        assertThat(r.stream() && r.includeUsage()).isTrue();
        assertThat(r.maxTokens()).hasValue(7);
        Sampling s = r.sampling();
        assertThat(s.temperature()).hasValue(0);
        assertThat(s.topK()).hasValue(3);
        assertThat(s.seed()).hasValue(9);
        assertThat(s.stop()).containsExactly("x", "y");
        assertThat(s.ignoreEos()).isTrue();
    }

    @Test
    void textPromptAsStringOrSingletonArray() throws Exception {
        assertThat(text("{\"prompt\":\"hi\"}").prompt()).isEqualTo("hi");
        assertThat(text("{\"prompt\":[\"hi\"],\"stop\":\"\\n\"}").sampling().stop()).containsExactly("\n");
        assertThat(text("{\"prompt\":\"hi\",\"max_tokens\":null}").maxTokens()).isEmpty();
    }

    @Test
    void refusalsNameTheField() {
        assertParam(() -> chat("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"system\",\"content\":\"late\"}]}"),
                "messages[1].role", "must come before");
        assertParam(() -> chat("{\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}"), "messages[0].role", "not supported");
        assertParam(() -> chat("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}"),
                "messages[0].content", "only text parts");
        assertParam(() -> chat("{\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"tool_calls\":[]}]}"),
                "messages[0].tool_calls", "not supported");
        assertParam(() -> chat("{\"messages\":[]}"), "messages", "non-empty");
        assertParam(() -> text("{\"prompt\":\"x\",\"top_p\":1.5}"), "top_p", "0.0..1.0");
        assertParam(() -> text("{\"prompt\":\"x\",\"max_tokens\":0}"), "max_tokens", "integer");
        assertParam(() -> text("{\"prompt\":\"x\",\"max_tokens\":2.5}"), "max_tokens", "integer");
        assertParam(() -> text("{\"prompt\":\"x\",\"seed\":-1}"), "seed", "integer");
        assertParam(() -> text("{\"prompt\":\"x\",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}"), "stop", "up to 4");
        assertParam(() -> text("{\"prompt\":\"x\",\"stream_options\":{\"include_usage\":\"yes\"}}"),
                "stream_options.include_usage", "true or false");
        assertParam(() -> text("{\"prompt\":\"x\",\"echo\":true}"), "echo", "not supported");
        assertParam(() -> text("{\"prompt\":\"x\",\"messages\":[]}"), "messages", "Unrecognized");
        assertParam(() -> text("{\"prompt\":\"x\",\"prompt\":\"y\"}"), null, "Duplicate field");
    }

    private static void assertParam(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String param, String text) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status).isEqualTo(400);
            assertThat(e.param).isEqualTo(param);
            assertThat(e.getMessage()).contains(text);
        });
    }
}
