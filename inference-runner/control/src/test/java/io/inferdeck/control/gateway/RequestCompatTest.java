package io.inferdeck.control.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.driver.BuiltinDriver;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The body rules of {@link RequestCompat} on one shared, parsed-once {@link RequestBody} (no gateway needed). */
class RequestCompatTest {
    private static final RequestCompat BUILTIN = new RequestCompat(new BuiltinDriver().openAi());
    private static final String CHAT = "/v1/chat/completions";

    private static RequestBody body(String json) {
        return new RequestBody(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String forwarded(RequestCompat.Checked c) {
        return new String(((RequestCompat.Forward) c).body().bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aStrippedBodyIsWrittenFromTheSharedTreeWithItsNumbersAsTheClientWroteThem() {
        RequestBody in = body("{\"model\":\"m1\",\"store\":false,\"temperature\":0.70,\"top_p\":1e-5,\"max_tokens\":5}");
        RequestCompat.Checked c = BUILTIN.check("POST", CHAT, in);
        assertThat(forwarded(c)).isEqualTo("{\"model\":\"m1\",\"temperature\":0.70,\"top_p\":0.00001,\"max_tokens\":5}");
        // the steps after compat read the same tree, already without the stripped field: no second parse
        assertThat(((RequestCompat.Forward) c).body().json().orElseThrow()).isSameAs(in.json().orElseThrow());
    }

    @Test
    void aBodyThatRepeatsANameIsForwardedByteForByteAndNeitherStrippedNorRefused() {
        String repeated = "{\"model\":\"m1\",\"store\":false,\"model\":\"m2\",\"tools\":[{\"type\":\"function\"}]}";
        RequestBody in = body(repeated);
        assertThat(BUILTIN.check("POST", CHAT, in)).isEqualTo(new RequestCompat.Forward(in));
        assertThat(BUILTIN.check("POST", CHAT, body("{\"model\":\"m1\",\"tools\":[{\"type\":\"function\"}]}")))
                .isInstanceOf(RequestCompat.Unsupported.class);   // the same without the repeat is refused
    }
}
