package io.inferdeck.services.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PromQlTest {
    @Test
    void durationsKeepMillisecondsAndWriteWholeSecondsAsSeconds() {
        assertThat(PromQl.duration(Duration.ofMinutes(5))).isEqualTo("300s");
        assertThat(PromQl.duration(Duration.ofMillis(7008))).isEqualTo("7008ms");
    }
}
