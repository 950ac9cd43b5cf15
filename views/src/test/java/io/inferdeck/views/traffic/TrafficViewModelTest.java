package io.inferdeck.views.traffic;

import static io.inferdeck.views.traffic.TrafficFixtures.mixed;
import static io.inferdeck.views.traffic.TrafficFixtures.ok;
import static io.inferdeck.views.traffic.TrafficFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.gateway.RequestRecord;
import io.inferdeck.services.traffic.TrafficEntry;
import io.inferdeck.services.traffic.TrafficSnapshot;
import io.inferdeck.views.fx.ImmediateDispatcher;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TrafficViewModelTest {
    private final TrafficViewModel vm = new TrafficViewModel(ImmediateDispatcher.create(), ZoneOffset.UTC);

    private List<Integer> statuses() {
        return vm.rows().stream().map(e -> e.request().status()).toList();
    }

    @Test
    void saysWhyThereIsNothingToShowInsteadOfZeros() {
        assertThat(vm.emptyProperty().get().title()).isEqualTo("No deployment running");
        assertThat(vm.countProperty().get()).isEmpty();

        vm.accept(snapshot());
        assertThat(vm.emptyProperty().get().title()).isEqualTo("No requests yet");
        assertThat(vm.emptyProperty().get().text()).contains(TrafficFixtures.SOURCE);

        vm.accept(new TrafficSnapshot(Optional.of(TrafficFixtures.SOURCE), OptionalInt.empty(), List.of(),
                Optional.of("Request log unavailable: connection refused")));
        assertThat(vm.emptyProperty().get().title()).isEqualTo("Request log unavailable");

        vm.accept(mixed());
        assertThat(vm.emptyProperty().get()).isNull();
        assertThat(vm.countProperty().get()).isEqualTo("Showing 7 of 7 · capacity 2,000");
        assertThat(vm.sourceProperty().get()).isEqualTo("Gateway of " + TrafficFixtures.SOURCE);
    }

    @Test
    void filtersByStatusClass() {
        vm.accept(mixed());

        vm.setStatus(StatusClass.SUCCESS);
        assertThat(statuses()).containsExactly(200, 200, 200, 200);
        vm.setStatus(StatusClass.CLIENT_ERROR);
        assertThat(statuses()).containsExactly(401);
        vm.setStatus(StatusClass.SERVER_ERROR);
        assertThat(statuses()).containsExactly(502, 503);
        vm.setStatus(StatusClass.FAILED);   // whatever did not end normally: the refusals and the upstream error
        assertThat(statuses()).containsExactly(502, 503, 401);
        assertThat(vm.countProperty().get()).startsWith("Showing 3 of 7");
        vm.setStatus(StatusClass.ALL);
        assertThat(vm.rows()).hasSize(7);
    }

    @Test
    void filtersByKeyUpstreamAndSlownessTogether() {
        vm.accept(mixed());
        assertThat(vm.keyChoices()).containsExactly("none", "team-a", "team-b");
        assertThat(vm.upstreamChoices()).containsExactly("none", "replica-0", "replica-1");

        vm.setKey("team-b");
        assertThat(vm.rows()).containsExactly(ok(4, "team-b", "replica-1", 2400), ok(2, "team-b", "replica-0", 95));
        vm.setUpstream("replica-0");
        assertThat(vm.rows()).containsExactly(ok(2, "team-b", "replica-0", 95));
        vm.setKey(null);
        vm.setUpstream(null);
        vm.setSlowerThan(" 150 ");
        assertThat(vm.rows()).containsExactly(ok(4, "team-b", "replica-1", 2400), ok(3, "team-a", "replica-0", 180));
        assertThat(vm.slowValidProperty().get()).isTrue();

        vm.setSlowerThan("fast");   // not a number: the bound is off and the field says so
        assertThat(vm.rows()).hasSize(7);
        assertThat(vm.slowValidProperty().get()).isFalse();
        vm.setSlowerThan("");
        assertThat(vm.slowValidProperty().get()).isTrue();
    }

    @Test
    void pauseFreezesTheTableAndCountsWhatArrivedMeanwhile() {
        vm.accept(snapshot(ok(2, "a", "replica-0", 100), ok(1, "a", "replica-0", 100)));
        vm.pause();
        vm.accept(snapshot(ok(4, "a", "replica-0", 100), ok(3, "a", "replica-0", 100), ok(2, "a", "replica-0", 100),
                ok(1, "a", "replica-0", 100)));

        assertThat(vm.rows()).hasSize(2);
        assertThat(vm.pausedProperty().get()).isTrue();
        assertThat(vm.countProperty().get()).isEqualTo("Showing 2 of 2 · capacity 2,000 · paused, 2 newer");

        vm.resume();
        assertThat(vm.rows()).hasSize(4).first().isEqualTo(ok(4, "a", "replica-0", 100));
        assertThat(vm.countProperty().get()).isEqualTo("Showing 4 of 4 · capacity 2,000");
    }

    @Test
    void theSelectedRequestShowsItsTimingBreakdownAndSurvivesNewRows() {
        TrafficEntry streamed = ok(3, "team-a", "replica-0", 180);   // queue 2, TTFT 45, e2e 180
        vm.accept(snapshot(streamed));
        vm.select(streamed);

        TrafficDetail d = vm.detailProperty().get();
        assertThat(d.segments()).extracting(TrafficDetail.Segment::kind).containsExactly("queue", "first-token", "stream");
        assertThat(d.segments()).extracting(TrafficDetail.Segment::durationMs).containsExactly(2.0, 43.0, 135.0);
        assertThat(d.timeline()).isEqualTo("queue 2.0 ms → TTFT 45.0 ms → e2e 180 ms");

        vm.accept(snapshot(ok(4, "team-a", "replica-0", 50), streamed));   // newer rows arrive
        assertThat(vm.detailProperty().get().entry()).isEqualTo(streamed);
        assertThat(vm.selected()).hasValue(streamed);
        vm.select(null);   // the operator clears the selection
        assertThat(vm.detailProperty().get()).isNull();
    }

    @Test
    void withoutAStreamedTokenTheTimeAfterTheQueueIsOneSegment() {
        TrafficEntry refused = TrafficFixtures.withStatus(1, 401, RequestRecord.Outcome.REJECTED);
        assertThat(TrafficDetail.of(refused).segments()).extracting(TrafficDetail.Segment::kind).containsExactly("gateway");
        assertThat(TrafficDetail.of(refused).timeline()).isEqualTo("queue 0.0 ms → TTFT — → e2e 3.0 ms");

        TrafficEntry cached = TrafficEntry.of(new RequestRecord(TrafficFixtures.T0, "/v1/chat/completions", "none", "cache",
                "m", 200, RequestRecord.Outcome.OK, 0, OptionalDouble.empty(), 0.4, 5, 5, false, true, "none", java.util.Optional.empty(), java.util.Optional.empty()));
        assertThat(TrafficDetail.of(cached).segments()).singleElement()
                .satisfies(s -> assertThat(s.label()).isEqualTo("from the cache"));
    }
}
