package io.inferdeck.tuning.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The give-up rule for an endpoint nobody answers (LoadGenerator's class comment), on the recorder and end to end. */
class UnreachableEndpointTest {
    private final BenchRecorder rec = new BenchRecorder(
            BenchPlan.builder("http://127.0.0.1:1", new LoadShape.ClosedLoop(1)).build(), 0, 0);

    private void finish(String cause, boolean warmup) {
        rec.started();
        Outcome outcome = cause == null ? Outcome.OK : Outcome.ERROR;
        rec.record(new RequestRecord(0, 0, warmup, outcome, cause, -1, -1, 1_000, 0, -1), 1_000);
    }

    private void finish(String cause, int times) {
        for (int i = 0; i < times; i++) {
            finish(cause, false);
        }
    }

    @Test
    void givesUpAfterTheLimitOfConnectFailuresInARowWarmupIncluded() {
        finish("connect", true);
        finish("connect", LoadGenerator.UNREACHABLE_AFTER - 2);
        assertThat(rec.unreachable(LoadGenerator.UNREACHABLE_AFTER)).isFalse();
        finish("connect", 1);
        assertThat(rec.unreachable(LoadGenerator.UNREACHABLE_AFTER)).isTrue();
    }

    @Test
    void anotherKindOfFailureBreaksTheStreak() {
        finish("connect", LoadGenerator.UNREACHABLE_AFTER - 1);
        finish("http_503", 1);
        finish("connect", LoadGenerator.UNREACHABLE_AFTER - 1);
        assertThat(rec.unreachable(LoadGenerator.UNREACHABLE_AFTER)).isFalse();
    }

    @Test
    void onceARequestSucceededConnectFailuresAreMeasuredNotFatal() {
        finish(null, true);
        finish("connect", LoadGenerator.UNREACHABLE_AFTER * 2);
        assertThat(rec.unreachable(LoadGenerator.UNREACHABLE_AFTER)).isFalse();
    }

    @Test
    void aRunAgainstAClosedPortStopsWithTheUrlInsteadOfReturningAResult() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // Without the rule this plan would send 100000 requests and return a "result" of connect errors.
        BenchPlan plan = BenchPlan.builder("http://127.0.0.1:" + port, new LoadShape.ClosedLoop(4)).model("m")
                .duration(Duration.ZERO).maxRequests(100_000).build();
        try (LoadGenerator gen = new LoadGenerator(Clock.systemUTC())) {
            assertThatThrownBy(() -> gen.run(plan, p -> { })).isInstanceOf(UnreachableEndpointException.class)
                    .hasMessageStartingWith("connection refused by http://127.0.0.1:" + port + "/v1/chat/completions: "
                            + LoadGenerator.UNREACHABLE_AFTER + " requests in a row");
        }
    }
}
