package io.inferdeck.control.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
    private static final String PATH = "/v1/chat/completions";
    private static final String BASE = "{\"model\":\"m\",\"temperature\":0,\"top_p\":0.9,\"max_tokens\":32,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    /** {@code body} with {@code fields} added at the front of its top-level object. */
    static String with(String body, String fields) {
        return "{" + fields + body.substring(1);
    }

    private static CacheKey key(String body) {
        return key(PATH, body);
    }

    private static CacheKey key(String path, String body) {
        return CacheKey.of(path, body.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    @Test
    void keyOrderWhitespaceAndNumberSpellingDoNotMatter() {
        String reordered = "{ \"messages\" : [ { \"content\":\"hi\", \"role\":\"user\" } ],\n  \"max_tokens\": 32.0,"
                + " \"top_p\": 0.90, \"temperature\": 0e0, \"model\": \"m\" }";
        assertThat(key(reordered).hash()).isEqualTo(key(BASE).hash()).hasSize(64);
    }

    @Test
    void fieldsThatDoNotChangeTheReplyAreLeftOut() {
        String decorated = with(BASE, "\"user\":\"u-1\",\"metadata\":{\"trace\":\"x\"},\"store\":false,"
                + "\"stream\":false,\"stream_options\":{\"include_usage\":true},");
        assertThat(key(decorated).hash()).isEqualTo(key(BASE).hash());
    }

    @Test
    void everyReplyChangingFieldChangesTheKey() {
        String base = key(BASE).hash();
        assertThat(key(BASE.replace("\"top_p\":0.9", "\"top_p\":0.8")).hash()).isNotEqualTo(base);
        assertThat(key(BASE.replace("\"max_tokens\":32", "\"max_tokens\":33")).hash()).isNotEqualTo(base);
        assertThat(key(BASE.replace("\"model\":\"m\"", "\"model\":\"n\"")).hash()).isNotEqualTo(base);
        assertThat(key(BASE.replace("\"hi\"", "\"hi!\"")).hash()).isNotEqualTo(base);
        assertThat(key(with(BASE, "\"stop\":[\"\\n\"],")).hash()).isNotEqualTo(base);
        assertThat(key("/v1/completions", BASE).hash()).isNotEqualTo(base);
        String streamed = with(BASE, "\"stream\":true,");
        assertThat(key(streamed).hash()).as("stream is part of the key").isNotEqualTo(base);
        assertThat(key(with(streamed, "\"stream_options\":{\"include_usage\":true},")).hash())
                .as("a streamed reply with a usage chunk is different bytes").isNotEqualTo(key(streamed).hash());
    }

    @Test
    void onlyGreedyOrSeededRequestsAreDeterministic() {
        assertThat(key(BASE).deterministic()).isTrue();
        assertThat(key(BASE.replace("\"temperature\":0", "\"temperature\":0.7")).deterministic()).isFalse();
        assertThat(key(BASE.replace("\"temperature\":0,", "")).deterministic()).as("the engine's default samples").isFalse();
        assertThat(key(BASE.replace("\"temperature\":0", "\"temperature\":0.7,\"seed\":42")).deterministic()).isTrue();
        assertThat(key(BASE.replace("\"temperature\":0", "\"temperature\":0.7,\"seed\":\"42\"")).deterministic()).isFalse();
    }

    @Test
    void aBodyThatIsNotAJsonObjectHasNoKey() {
        assertThat(CacheKey.of(PATH, "[1,2]".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(CacheKey.of(PATH, "{not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(CacheKey.of(PATH, new byte[0])).isEmpty();
    }

    @Test
    void cacheControlDirectivesAreReadCaseInsensitively() {
        assertThat(CacheDirectives.parse("max-age=0, No-Cache")).isEqualTo(new CacheDirectives(true, false));
        assertThat(CacheDirectives.parse("no-store")).isEqualTo(new CacheDirectives(false, true));
        assertThat(CacheDirectives.parse(null)).isEqualTo(CacheDirectives.NONE);
        assertThat(CacheDirectives.parse("no-transform")).isEqualTo(CacheDirectives.NONE);
    }
}
