package io.inferdeck.tuning.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunStatusTest {
    @Test
    void storedSpellingsRoundTripAndBadOnesAreNamedNotNullPointers() {
        for (RunStatus s : RunStatus.values()) {
            assertThat(RunStatus.fromDb(s.db())).isEqualTo(s);
        }
        assertThatThrownBy(() -> RunStatus.fromDb(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("status NULL is not one of [running, complete, partial]");
        assertThatThrownBy(() -> RunStatus.fromDb("bogus")).hasMessageStartingWith("status 'bogus' is not one of");
    }
}
