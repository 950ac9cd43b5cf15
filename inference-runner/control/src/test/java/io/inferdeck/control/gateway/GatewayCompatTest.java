package io.inferdeck.control.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.control.driver.BuiltinDriver;
import io.inferdeck.control.driver.OpenAiSupport;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What real OpenAI clients send and ask, through the gateway: model lookup by id, the defaults they add by
 * habit (stripped for an engine that refuses unknown fields, the built-in runner's declared surface), and
 * features the engine lacks (a 400 naming the parameter, before any engine sees the request).
 */
class GatewayCompatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every default a client library may add, at its no-op value, around a plain chat request. */
    private static final String WITH_DEFAULTS = "{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"logit_bias\":{},\"store\":false,\"user\":\"u-42\",\"metadata\":{\"team\":\"a\"},\"parallel_tool_calls\":true,"
            + "\"tools\":[],\"tool_choice\":\"none\",\"response_format\":{\"type\":\"text\"},\"temperature\":null,\"max_tokens\":5}";
    private TestUpstream up;
    private GatewayFixture f;

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
        if (up != null) {
            up.close();
        }
    }

    private void start(String model, OpenAiSupport api) throws Exception {
        up = new TestUpstream(model);
        f = new GatewayFixture(GatewayFixture.quick(), List.of(up.baseUrl()), () -> false, api);
    }

    @Test
    void aModelIsRetrievedByIdFromTheUpstreamsListAndAnUnknownIdIsAnOpenAi404() throws Exception {
        start("org/tiny-1:q4", OpenAiSupport.PASS_THROUGH);
        HttpResponse<String> found = f.get("/v1/models/org%2Ftiny-1:q4");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(JSON.readTree(found.body()).path("id").asText()).isEqualTo("org/tiny-1:q4");
        assertThat(JSON.readTree(found.body()).path("object").asText()).isEqualTo("model");

        HttpResponse<String> missing = f.get("/v1/models/gpt-none");
        assertThat(missing.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(missing.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("model_not_found");
        assertThat(error.path("message").asText()).contains("gpt-none");
        assertThat(f.get("/v1/models").statusCode()).isEqualTo(200);   // the list itself is forwarded as before
    }

    @Test
    void clientDefaultsAreStrippedForAnEngineThatRefusesUnknownFieldsAndTheRestIsKept() throws Exception {
        start("m1", new BuiltinDriver().openAi());
        HttpResponse<String> r = f.post("/v1/chat/completions", WITH_DEFAULTS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode received = JSON.readTree(up.lastChatBody);
        assertThat(received.properties().stream().map(java.util.Map.Entry::getKey).toList())
                .containsExactly("model", "messages", "max_tokens");
        assertThat(received.path("messages").get(0).path("content").asText()).isEqualTo("hi");

        String biased = "{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"logit_bias\":{\"7\":3},\"store\":true}";
        assertThat(f.post("/v1/chat/completions", biased).statusCode()).isEqualTo(200);
        assertThat(up.lastChatBody).isEqualTo(biased);   // not a no-op: the engine decides, the bytes are untouched
    }

    @Test
    void toolsAndJsonFormatsAreRefusedWithTheParameterNamedWhenTheEngineLacksThem() throws Exception {
        start("m1", new BuiltinDriver().openAi());
        String tools = "{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[{\"type\":\"function\","
                + "\"function\":{\"name\":\"now\",\"parameters\":{\"type\":\"object\"}}}]}";
        assertUnsupported(f.post("/v1/chat/completions", tools), "tools");
        assertUnsupported(f.post("/v1/chat/completions",
                "{\"model\":\"m1\",\"messages\":[],\"tool_choice\":\"required\"}"), "tool_choice");
        assertUnsupported(f.post("/v1/chat/completions",
                "{\"model\":\"m1\",\"messages\":[],\"response_format\":{\"type\":\"json_object\"}}"), "response_format");
        assertThat(up.chats.get()).isZero();
        JsonNode logged = JSON.readTree(f.get(GatewayHandler.REQUESTS_PATH + "?limit=1").body()).path("requests").get(0);
        assertThat(logged.path("status").asInt()).isEqualTo(400);
        assertThat(logged.path("outcome").asText()).isEqualTo("rejected");
    }

    @Test
    void anEngineThatTakesTheWholeSurfaceGetsTheBodyByteForByte() throws Exception {
        start("m1", OpenAiSupport.PASS_THROUGH);
        String tools = WITH_DEFAULTS.replace("\"tools\":[]", "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"now\"}}]");
        assertThat(f.post("/v1/chat/completions", tools).statusCode()).isEqualTo(200);
        assertThat(up.lastChatBody).isEqualTo(tools);
    }

    private static void assertUnsupported(HttpResponse<String> r, String param) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("unsupported_parameter");
        assertThat(error.path("param").asText()).isEqualTo(param);
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).startsWith(param + " ");
    }
}
