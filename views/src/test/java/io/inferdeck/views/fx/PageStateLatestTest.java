package io.inferdeck.views.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageStateLatestTest {
    record State(int a, int b) {
    }

    @Test
    void coalescedDrainsStillCarryEveryPartOfTheState() {
        List<Runnable> fxQueue = new ArrayList<>();
        FxDispatcher dispatcher = new FxDispatcher(fxQueue::add, System::nanoTime, (task, delay) -> task.run(), Duration.ZERO);
        List<State> shown = new ArrayList<>();
        PageState<State> page = PageState.latest(dispatcher, "page", new State(0, 0), shown::add);

        page.update(s -> new State(1, s.b()));      // two producers before the FX thread drains
        page.update(s -> new State(s.a(), 2));
        fxQueue.removeFirst().run();

        assertThat(shown).containsExactly(new State(1, 2));
        page.republish();
        fxQueue.removeFirst().run();
        assertThat(shown).containsExactly(new State(1, 2), new State(1, 2));
        assertThat(page.current()).isEqualTo(new State(1, 2));
    }
}
