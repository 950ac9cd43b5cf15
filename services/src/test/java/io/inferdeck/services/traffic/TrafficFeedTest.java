package io.inferdeck.services.traffic;

import static io.inferdeck.services.traffic.Entries.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.services.bus.LiveBus;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The poller against canned gateway pages: what it asks for, what it merges, when it publishes. */
class TrafficFeedTest {
    private final EngineTarget target = new EngineTarget();
    private final LiveBus bus = new LiveBus();
    private final List<TrafficSnapshot> published = new CopyOnWriteArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private final Deque<Object> answers = new ArrayDeque<>();   // TrafficPage or IOException, in order
    private final TrafficFeed feed = new TrafficFeed(target::current, this::open, bus.topic(TrafficFeed.SNAPSHOTS));

    {
        bus.topic(TrafficFeed.SNAPSHOTS).subscribe(published::add);
    }

    private TrafficSource open(EngineEndpoint e) {
        calls.add("open " + e.baseUrl());
        return new TrafficSource() {
            @Override
            public TrafficPage fetch(OptionalInt limit) throws IOException {
                calls.add("fetch " + (limit.isPresent() ? limit.getAsInt() : "all"));
                Object next = answers.removeFirst();
                if (next instanceof IOException io) {
                    throw io;
                }
                return (TrafficPage) next;
            }

            @Override
            public void close() {
                calls.add("close " + e.baseUrl());
            }
        };
    }

    private static EngineEndpoint gateway(int port) {
        return new EngineEndpoint(URI.create("http://127.0.0.1:" + port), null, "default · builtin");
    }

    @Test
    void noDeploymentIsSaidOnceAndNothingIsRead() {
        assertThat(feed.pollOnce()).isSameAs(TrafficSnapshot.NO_DEPLOYMENT);
        feed.pollOnce();
        assertThat(published).containsExactly(TrafficSnapshot.NO_DEPLOYMENT);
        assertThat(calls).isEmpty();
    }

    @Test
    void readsTheWholeRingFirstThenTheNewestAndPublishesOnlyChanges() {
        target.set(gateway(1));
        answers.add(Entries.page(2000, at(2), at(1)));
        answers.add(Entries.page(2000, at(3), at(2), at(1)));
        answers.add(Entries.page(2000, at(3), at(2), at(1)));

        TrafficSnapshot first = feed.pollOnce();
        TrafficSnapshot second = feed.pollOnce();
        feed.pollOnce();

        assertThat(calls).containsExactly("open http://127.0.0.1:1", "fetch all", "fetch " + TrafficReader.INCREMENT,
                "fetch " + TrafficReader.INCREMENT);
        assertThat(first.source()).hasValue("default · builtin at http://127.0.0.1:1");
        assertThat(first.capacity()).hasValue(2000);
        assertThat(first.requests()).containsExactly(at(2), at(1));
        assertThat(second.requests()).containsExactly(at(3), at(2), at(1));
        assertThat(published).containsExactly(first, second);
    }

    @Test
    void readsTheWholeRingAgainWhenMoreFinishedThanOneIncrementHolds() {
        target.set(gateway(1));
        answers.add(Entries.page(5000, at(0)));
        TrafficEntry[] burst = IntStream.rangeClosed(1, TrafficReader.INCREMENT + 1).mapToObj(i -> at(1000 - i)).toArray(TrafficEntry[]::new);
        answers.add(Entries.page(5000, java.util.Arrays.copyOf(burst, TrafficReader.INCREMENT)));
        TrafficEntry[] ring = java.util.Arrays.copyOf(burst, burst.length + 1);
        ring[burst.length] = at(0);
        answers.add(Entries.page(5000, ring));

        feed.pollOnce();
        TrafficSnapshot s = feed.pollOnce();

        assertThat(calls).endsWith("fetch " + TrafficReader.INCREMENT, "fetch all");
        assertThat(s.requests()).hasSize(TrafficReader.INCREMENT + 2).startsWith(at(999)).endsWith(at(1000 - TrafficReader.INCREMENT - 1), at(0));
    }

    @Test
    void aFailedReadKeepsWhatWasReadAndSaysWhy() {
        target.set(gateway(1));
        answers.add(Entries.page(10, at(1)));
        answers.add(new IOException("cannot read the request log at http://127.0.0.1:1/inferdeck/requests: connection refused"));
        answers.add(new TrafficClient.Refused(404, "GET http://127.0.0.1:1/inferdeck/requests answered 404"));

        feed.pollOnce();
        TrafficSnapshot failed = feed.pollOnce();
        TrafficSnapshot notAGateway = feed.pollOnce();

        assertThat(failed.requests()).containsExactly(at(1));
        assertThat(failed.capacity()).hasValue(10);
        assertThat(failed.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("Request log unavailable: ")
                .contains("connection refused"));
        assertThat(notAGateway.problem()).hasValueSatisfying(p -> assertThat(p).contains("only the InferDeck gateway keeps one"));
    }

    @Test
    void aNewDeploymentStartsANewWindowAndNoneClosesTheReader() {
        target.set(gateway(1));
        answers.add(Entries.page(10, at(1)));
        feed.pollOnce();
        target.set(gateway(2));
        answers.add(Entries.page(10, at(7)));

        TrafficSnapshot other = feed.pollOnce();
        target.clear();
        TrafficSnapshot none = feed.pollOnce();

        assertThat(other.requests()).containsExactly(at(7));
        assertThat(other.source()).hasValue("default · builtin at http://127.0.0.1:2");
        assertThat(none).isSameAs(TrafficSnapshot.NO_DEPLOYMENT);
        assertThat(calls).containsExactly("open http://127.0.0.1:1", "fetch all", "close http://127.0.0.1:1",
                "open http://127.0.0.1:2", "fetch all", "close http://127.0.0.1:2");
    }

    @Test
    void closedFeedReadsNothingMore() {
        target.set(gateway(1));
        answers.add(Entries.page(10, at(1)));
        TrafficSnapshot s = feed.pollOnce();
        feed.close();
        assertThat(feed.pollOnce()).isSameAs(s);
        assertThat(calls).containsExactly("open http://127.0.0.1:1", "fetch all", "close http://127.0.0.1:1");
    }
}
