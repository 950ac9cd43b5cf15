package io.inferdeck.services.traffic;

import static io.inferdeck.services.traffic.Entries.at;
import static io.inferdeck.services.traffic.Entries.page;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrafficWindowTest {

    @Test
    void overlappingPagesAddEachRequestOnce() {
        TrafficWindow.Merged first = TrafficWindow.empty(10).merge(page(10, at(3), at(2), at(1)));
        assertThat(first.added()).containsExactly(at(3), at(2), at(1));

        TrafficWindow.Merged second = first.window().merge(page(10, at(5), at(4), at(3), at(2)));

        assertThat(second.added()).containsExactly(at(5), at(4));
        assertThat(second.window().requests()).containsExactly(at(5), at(4), at(3), at(2), at(1));
    }

    @Test
    void aPageWithNothingNewChangesNothing() {
        TrafficWindow w = TrafficWindow.empty(10).merge(page(10, at(2), at(1))).window();
        TrafficWindow.Merged again = w.merge(page(10, at(2), at(1)));
        assertThat(again.window()).isSameAs(w);
        assertThat(again.added()).isEmpty();
    }

    @Test
    void keepsTheNewestCapacityRequests() {
        TrafficWindow w = TrafficWindow.empty(3).merge(page(3, at(3), at(2), at(1))).window();

        TrafficWindow.Merged m = w.merge(page(3, at(5), at(4), at(3)));

        assertThat(m.window().requests()).containsExactly(at(5), at(4), at(3));
        assertThat(m.window().contains(at(1))).isFalse();
    }

    @Test
    void aRequestThatFinishedEarlierButWasLoggedLaterIsSortedByTime() {
        TrafficWindow w = TrafficWindow.empty(10).merge(page(10, at(3), at(1))).window();

        TrafficWindow.Merged m = w.merge(page(10, at(2), at(3), at(1)));   // logged after at(3): a racing thread

        assertThat(m.added()).containsExactly(at(2));
        assertThat(m.window().requests()).containsExactly(at(3), at(2), at(1));
    }

    @Test
    void requestsFinishingAtTheSameInstantAreDifferentRequests() {
        TrafficWindow.Merged m = TrafficWindow.empty(10).merge(page(10, at(1, "replica-1"), at(1, "replica-0")));
        assertThat(m.window().requests()).containsExactly(at(1, "replica-1"), at(1, "replica-0"));
    }

    @Test
    void followsTheGatewaysCapacityAndReportsOnlyAddedRequestsItKept() {
        TrafficWindow w = TrafficWindow.empty(5).merge(page(5, at(5), at(4), at(3), at(2))).window();

        TrafficWindow.Merged m = w.merge(page(2, at(6), at(1)));   // restarted with a ring of 2; at(1) is older than all kept

        assertThat(m.window().capacity()).isEqualTo(2);
        assertThat(m.window().requests()).containsExactly(at(6), at(5));
        assertThat(m.added()).containsExactly(at(6));
    }
}
