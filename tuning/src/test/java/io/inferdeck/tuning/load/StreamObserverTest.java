package io.inferdeck.tuning.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamObserverTest {

    private static StreamObserver feed(String... lines) {
        StreamObserver o = new StreamObserver();
        for (String l : lines) {
            o.onNext(l);
        }
        o.onComplete();
        return o;
    }

    @Test
    void countsContentChunksAndReadsUsage() {
        StreamObserver o = feed(
                ": keep-alive comment", "",
                "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}", "",
                "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}", "",
                "data:{\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}", "",
                "event: message", "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}", "",
                "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3}}", "",
                "data: [DONE]", "");
        assertThat(o.contentChunks).isEqualTo(2);
        assertThat(o.outputTokens()).isEqualTo(3);
        assertThat(o.usagePromptTokens).isEqualTo(12);
        assertThat(o.firstTokenNanos).isPositive().isLessThanOrEqualTo(o.lastTokenNanos);
        assertThat(o.completedNormally()).isTrue();
    }

    @Test
    void aStreamWithoutDoneOrFinishReasonIsIncomplete() {
        StreamObserver o = feed("data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}", "");
        assertThat(o.completedNormally()).isFalse();
        assertThat(o.protocolError).isNull();
    }

    @Test
    void malformedChunksAndErrorEventsAreReported() {
        assertThat(feed("data: {\"choices\":[", "", "data: [DONE]", "").protocolError).isEqualTo("malformed chunk");
        StreamObserver err = feed("data: {\"error\":{\"message\":\"context full\"}}", "", "data: [DONE]", "");
        assertThat(err.streamError).isEqualTo("context full");
        assertThat(err.completedNormally()).isFalse();
    }

    @Test
    void multiLineDataIsJoinedAndTheLastEventNeedsNoBlankLine() {
        StreamObserver o = feed("data: {\"choices\":[{\"delta\":", "data: {\"content\":\"y\"}}]}", "", "data: [DONE]");
        assertThat(o.contentChunks).isOne();
        assertThat(o.done).isTrue();
        assertThat(List.of(o.outputTokens())).containsExactly(1);
    }
}
