package io.inferdeck.views.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.metrics.Percentiles;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DashboardTilesTest {
    private static Percentiles of(OptionalDouble n) {
        return new Percentiles(OptionalDouble.of(1), OptionalDouble.of(2), OptionalDouble.of(3), n);
    }

    @Test
    void percentileBasisNamesItsSampleCountInEnglish() {
        assertThat(DashboardTiles.requests(of(OptionalDouble.of(1)))).isEqualTo("of 1 request");
        assertThat(DashboardTiles.requests(of(OptionalDouble.of(412)))).isEqualTo("of 412 requests");
        assertThat(DashboardTiles.requests(of(OptionalDouble.empty()))).as("not counted: no basis, never 'of 0'").isEmpty();
    }
}
