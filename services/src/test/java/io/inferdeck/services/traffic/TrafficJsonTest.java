package io.inferdeck.services.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.gateway.RequestRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TrafficJsonTest {
    private static final String FULL = """
            {"time":"2025-03-01T10:00:02.500Z","path":"/v1/chat/completions","keyId":"team-a","upstream":"replica-1",
             "model":"m1","status":200,"outcome":"ok","queueMs":1.5,"ttftMs":40.25,"e2eMs":310.0,"tokensIn":12,
             "tokensOut":30,"estimated":true,"cacheHit":false,"safety":"masked",
             "prompt":"call me at [PHONE]","completion":"sure"}""";

    @Test
    void readsEveryFieldOfARequest() throws Exception {
        TrafficPage page = TrafficJson.parse("{\"capacity\":2000,\"requests\":[" + FULL + "]}");

        assertThat(page.capacity()).isEqualTo(2000);
        assertThat(page.requests()).containsExactly(new TrafficEntry(new RequestRecord(
                Instant.parse("2025-03-01T10:00:02.500Z"), "/v1/chat/completions", "team-a", "replica-1", "m1", 200,
                RequestRecord.Outcome.OK, 1.5, OptionalDouble.of(40.25), 310.0, 12, 30, true, false, "masked",
                Optional.of("call me at [PHONE]"), Optional.of("sure"))));
    }

    @Test
    void optionalFieldsMayBeNullOrAbsent() throws Exception {
        String bare = """
                {"time":"2025-03-01T10:00:00Z","path":"/v1/models","upstream":"none","model":"default","status":401,
                 "outcome":"rejected","queueMs":0,"ttftMs":null,"e2eMs":0.4,"tokensIn":0,"tokensOut":0,"prompt":null}""";
        String noTtft = bare.replace("\"ttftMs\":null,", "");

        for (String json : new String[] {bare, noTtft}) {
            TrafficEntry e = TrafficJson.parse("{\"capacity\":5,\"requests\":[" + json + "]}").requests().getFirst();
            assertThat(e.request().ttftMs()).isEmpty();
            assertThat(e.request().keyId()).isEqualTo(RequestRecord.NONE);
            assertThat(e.request().safety()).isEqualTo(RequestRecord.NONE);
            assertThat(e.request().estimated()).isFalse();
            assertThat(e.request().cacheHit()).isFalse();
            assertThat(e.prompt()).isEmpty();
            assertThat(e.completion()).isEmpty();
            assertThat(e.failed()).isTrue();
        }
    }

    @Test
    void aMissingRequiredFieldNamesTheRequestAndTheField() {
        String second = FULL.replace("\"e2eMs\":310.0,", "");
        assertThatThrownBy(() -> TrafficJson.parse("{\"capacity\":5,\"requests\":[" + FULL + "," + second + "]}"))
                .isInstanceOf(TrafficFormatException.class).hasMessage("request 1: missing e2eMs");
        assertThatThrownBy(() -> TrafficJson.parse("{\"capacity\":5,\"requests\":[" + FULL.replace("\"status\":200", "\"status\":\"x\"") + "]}"))
                .hasMessage("request 0: not a number: status");
        assertThatThrownBy(() -> TrafficJson.parse("{\"capacity\":5,\"requests\":[" + FULL.replace("\"ok\"", "\"great\"") + "]}"))
                .hasMessage("request 0: unknown outcome 'great'");
        assertThatThrownBy(() -> TrafficJson.parse("{\"capacity\":5,\"requests\":[" + FULL.replace("2025-03-01T10", "yesterday") + "]}"))
                .hasMessageStartingWith("request 0: ");
    }

    @Test
    void refusesWhatIsNotARequestLog() {
        assertThatThrownBy(() -> TrafficJson.parse("<html>")).isInstanceOf(TrafficFormatException.class).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> TrafficJson.parse("{\"object\":\"list\",\"data\":[]}")).hasMessageStartingWith("not a request log");
        assertThatThrownBy(() -> TrafficJson.parse("{\"capacity\":0,\"requests\":[]}")).hasMessageContaining("capacity must be positive");
    }

    @Test
    void aLineReadsBackAsTheSameEntry() throws Exception {
        TrafficEntry full = TrafficJson.parse("{\"capacity\":1,\"requests\":[" + FULL + "]}").requests().getFirst();
        TrafficEntry bare = new TrafficEntry(new RequestRecord(Instant.parse("2025-03-01T10:00:00Z"), "/v1/x", "none", "none",
                "m", 503, RequestRecord.Outcome.REJECTED, 0, OptionalDouble.empty(), 2, 0, 0, false, false, "none",
                Optional.empty(), Optional.empty()));

        for (TrafficEntry e : new TrafficEntry[] {full, bare}) {
            String line = TrafficJson.line(e);
            assertThat(line).doesNotContain("\n");
            assertThat(TrafficJson.parse("{\"capacity\":1,\"requests\":[" + line + "]}").requests()).containsExactly(e);
        }
        assertThat(TrafficJson.line(bare)).contains("\"ttftMs\":null").doesNotContain("prompt").doesNotContain("completion");
    }
}
