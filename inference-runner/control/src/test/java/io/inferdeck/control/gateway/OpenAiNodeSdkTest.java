package io.inferdeck.control.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.control.driver.BuiltinDriver;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Node SDK ({@link NodeSdk#OPENAI_VERSION}) against a real gateway in front of a loopback
 * engine that declares the built-in runner's OpenAI surface: list and retrieve models (an id with a slash, as
 * vLLM's are), a stream with {@code include_usage}, an abort mid-stream, and a refused parameter surfacing as
 * the SDK's {@code BadRequestError}. Skipped where node/npm are missing or the package cannot be installed.
 */
class OpenAiNodeSdkTest {
    private static final String MODEL = "org/tiny-model";
    private static final int TOKENS = 40;

    @Test
    void theOfficialNodeSdkListsRetrievesStreamsAbortsAndSeesBadRequests() throws Exception {
        NodeSdk sdk = NodeSdk.require();
        try (TestUpstream up = new TestUpstream(MODEL);
             GatewayFixture f = new GatewayFixture(GatewayFixture.quick(), List.of(up.baseUrl()), () -> false,
                     new BuiltinDriver().openAi())) {
            up.tokens = TOKENS;
            up.tokenGapMs = 25;   // a 1 s stream: the abort after 3 chunks lands mid-stream
            NodeSdk.Result run = sdk.script("openai-sdk-check.mjs", List.of(f.url("/v1").toString(), MODEL), 120);
            assertThat(run.exit()).as(run.output()).isZero();
            JsonNode r = new ObjectMapper().readTree(run.lastLine());

            assertThat(r.path("list").path("ids")).as(run.output()).extracting(JsonNode::asText).containsExactly(MODEL);
            assertThat(r.path("retrieve").path("id").asText()).as(run.output()).isEqualTo(MODEL);
            assertThat(r.path("retrieve").path("object").asText()).isEqualTo("model");
            JsonNode missing = r.path("retrieveMissing").path("failed");
            assertThat(missing.path("name").asText()).as(run.output()).isEqualTo("NotFoundError");
            assertThat(missing.path("status").asInt()).isEqualTo(404);

            JsonNode stream = r.path("stream");
            assertThat(stream.path("content").asText()).as(run.output()).startsWith("t0t1t2").endsWith("t" + (TOKENS - 1));
            assertThat(stream.path("usage").path("completion_tokens").asInt()).isEqualTo(TOKENS);
            assertThat(stream.path("usage").path("prompt_tokens").asInt()).isEqualTo(7);

            JsonNode abort = r.path("abort");
            assertThat(abort.path("aborted").asBoolean()).as(run.output()).isTrue();
            assertThat(abort.path("chunks").asInt()).isEqualTo(3);
            assertThat(abort.path("finished").asBoolean()).isFalse();
            assertThat(up.disconnected.await(5, TimeUnit.SECONDS)).as("the engine saw the client's abort").isTrue();
            assertThat(f.gateway.requestLog().latest(10)).anySatisfy(rec -> {
                assertThat(rec.outcome()).isEqualTo(RequestRecord.Outcome.ABORTED);
                assertThat(rec.tokensOut()).isLessThan(TOKENS);
            });

            JsonNode bad = r.path("badRequest").path("failed");
            assertThat(bad.path("name").asText()).as(run.output()).isEqualTo("BadRequestError");
            assertThat(bad.path("status").asInt()).isEqualTo(400);
            assertThat(bad.path("param").asText()).isEqualTo("tools");
            assertThat(bad.path("code").asText()).isEqualTo("unsupported_parameter");
            assertThat(bad.path("message").asText()).contains("tools is not supported");
            assertThat(up.chats.get()).as("only the two streams reached the engine").isEqualTo(2);
        }
    }
}
