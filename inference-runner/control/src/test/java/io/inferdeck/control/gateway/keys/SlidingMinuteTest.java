package io.inferdeck.control.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlidingMinuteTest {
    private static final long T0 = 1_700_000_000_000L;   // a whole second, in epoch milliseconds

    @Test
    void countsTheLastSixtySecondsOnly() {
        SlidingMinute w = new SlidingMinute();
        w.add(T0, 2);
        w.add(T0 + 30_000, 1);
        assertThat(w.total(T0 + 30_000)).isEqualTo(3);
        assertThat(w.total(T0 + 59_999)).isEqualTo(3);
        assertThat(w.total(T0 + 60_000)).as("the first second left the window").isEqualTo(1);
        assertThat(w.total(T0 + 90_000)).isZero();
    }

    @Test
    void saysWhenEnoughHasAgedOutToGoBelowTheLimit() {
        SlidingMinute w = new SlidingMinute();
        w.add(T0 + 500, 2);
        w.add(T0 + 30_000, 1);
        assertThat(w.secondsUntilBelow(4, T0 + 40_000)).as("below already").isZero();
        assertThat(w.secondsUntilBelow(3, T0 + 40_000)).as("the first bucket leaves at T0 + 60 s").isEqualTo(20);
        assertThat(w.secondsUntilBelow(1, T0 + 40_000)).as("both must leave: the second at T0 + 90 s").isEqualTo(50);
        assertThat(w.secondsUntilBelow(3, T0 + 59_900)).as("never 0 while at the limit").isEqualTo(1);
    }

    @Test
    void aBucketIsReusedForItsNextMinute() {
        SlidingMinute w = new SlidingMinute();
        w.add(T0, 5);
        w.add(T0 + 60_000, 1);   // the same bucket, a minute later: the old amount must not survive
        assertThat(w.total(T0 + 60_000)).isEqualTo(1);
    }
}
