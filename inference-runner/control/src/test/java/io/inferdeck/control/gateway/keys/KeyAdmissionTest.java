package io.inferdeck.control.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.gateway.Admission;
import io.inferdeck.control.gateway.RequestRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admission decisions that loopback HTTP cannot show: remote clients, and a ticket closed twice. */
class KeyAdmissionTest {
    @TempDir
    Path dir;

    @Test
    void pagesNeedAKeyFromAnotherMachineAndRequestsAlways() throws Exception {
        try (KeyStore store = KeyStore.open(dir.resolve("keys.db"), Clock.systemUTC()); KeyGate gate = new KeyGate(store, Clock.systemUTC())) {
            Admission a = gate.admission(Optional.empty());
            assertThat(a.admit(null, true, false).refusal()).as("page, this machine").isEmpty();
            assertThat(a.admit(null, false, false).refusal()).as("page, another machine").isPresent();
            assertThat(a.admit(null, true, true).refusal()).as("forwarded request, this machine").isPresent();
        }
    }

    @Test
    void aTicketClosedTwiceGivesItsPlaceBackOnce() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2025-05-01T10:00:00Z"), ZoneOffset.UTC);
        try (KeyStore store = KeyStore.open(dir.resolve("keys.db"), clock); KeyGate gate = new KeyGate(store, clock)) {
            NewKey k = store.add("ci", KeyLimits.of(null, null, 2));
            Admission a = gate.admission(Optional.empty());
            Admission.Ticket first = a.admit("Bearer " + k.secret(), true, true);
            Admission.Ticket second = a.admit("Bearer " + k.secret(), true, true);
            Admission.Ticket third = a.admit("Bearer " + k.secret(), true, true);
            assertThat(third.refusal()).as("two in flight").isPresent();
            third.close(Optional.empty());
            RequestRecord done = new RequestRecord(clock.instant(), "/v1/chat/completions", k.key().id(), "u0", "m", 200,
                    RequestRecord.Outcome.OK, 0, OptionalDouble.empty(), 5, 3, 4, false, false, "none", Optional.empty(), Optional.empty());
            first.close(Optional.of(done));
            first.close(Optional.of(done));
            assertThat(gate.inFlight(k.key().id())).isEqualTo(1);
            second.close(Optional.empty());
            assertThat(gate.pendingUsage()).containsExactly(new KeyUsage(clock.instant().atZone(ZoneOffset.UTC).toLocalDate(),
                    k.key().id(), 3, 3, 4, 2));   // the refused one and the empty one are errors
        }
    }
}
