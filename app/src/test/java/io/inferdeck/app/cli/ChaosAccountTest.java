package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.supervisor.ReplicaChaos.Fault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosAccountTest {
    private static final List<Fault> FAULTS = List.of(new Fault(0, true, 2), new Fault(1, true, 0), new Fault(1, false, 1));

    @Test
    void failuresWithinInFlightAtFaultsPlus429Hold() {
        ChaosAccount a = ChaosAccount.of(FAULTS, 4, 1);
        assertThat(a.inFlightAtFaults()).isEqualTo(3);
        assertThat(a.mostAtOneFault()).isEqualTo(2);
        assertThat(a.holds()).isTrue();
        assertThat(print(a)).contains("in flight on the struck replica: 3 over 3 faults (at most 2 at one fault)")
                .contains("failures 4 <= in flight at faults 3 + rejected by design (429) 1: only requests caught by a fault failed");
    }

    @Test
    void oneFailureMoreThanTheFaultsCouldCauseIsReported() {
        ChaosAccount a = ChaosAccount.of(FAULTS, 5, 1);
        assertThat(a.holds()).isFalse();
        assertThat(print(a)).contains("failures 5 > in flight at faults 3").contains("beyond those caught by a fault");
    }

    private static String print(ChaosAccount a) {
        StringWriter s = new StringWriter();
        a.print(new PrintWriter(s, true));
        return s.toString();
    }
}
