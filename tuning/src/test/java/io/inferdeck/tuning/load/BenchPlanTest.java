package io.inferdeck.tuning.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchPlanTest {

    @Test
    void urlsAreNormalisedToTheChatEndpoint() {
        assertThat(BenchPlan.chatEndpoint("http://127.0.0.1:8080")).hasToString("http://127.0.0.1:8080/v1/chat/completions");
        assertThat(BenchPlan.chatEndpoint("http://h:1/v1/")).hasToString("http://h:1/v1/chat/completions");
        assertThat(BenchPlan.chatEndpoint("http://h:1/v1/chat/completions")).hasToString("http://h:1/v1/chat/completions");
    }

    @Test
    void invalidPlansAreRefused() {
        LoadShape one = new LoadShape.ClosedLoop(1);
        assertThatThrownBy(() -> BenchPlan.builder("http://h:1", one).duration(Duration.ZERO).build())
                .hasMessageContaining("duration or a request count");
        assertThatThrownBy(() -> BenchPlan.builder("ftp://h:1", one).build()).hasMessageContaining("http://");
        assertThatThrownBy(() -> new LoadShape.ClosedLoop(0)).hasMessageContaining("concurrency");
        assertThatThrownBy(() -> new LoadShape.OpenLoop(0, LoadShape.Arrivals.POISSON)).hasMessageContaining("rate");
    }
}
