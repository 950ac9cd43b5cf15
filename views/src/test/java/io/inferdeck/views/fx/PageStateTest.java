package io.inferdeck.views.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** A page state over a dispatcher with a hand-cranked "FX thread" (queued drains) or a synchronous one. */
class PageStateTest {

    private record Counts(List<String> a, int b) {
        Counts withA(String x) {
            List<String> next = new ArrayList<>(a);
            next.add(x);
            return new Counts(List.copyOf(next), b);
        }

        Counts withB(int x) {
            return new Counts(a, x);
        }
    }

    private final List<String> renders = new ArrayList<>();

    @Test
    void coalescedUpdatesDeliverTheCumulativeStateOnceWithWhatChanged() {
        Queue<Runnable> fx = new ArrayDeque<>();
        FxDispatcher dispatcher = new FxDispatcher(fx::add, () -> 0, (t, d) -> t.run(), Duration.ZERO);
        PageState<Counts> page = new PageState<>(dispatcher, "page", new Counts(List.of(), 0), (before, now) ->
                renders.add((PageState.changed(before, now, Counts::a) ? "a=" + now.a() : "a same") + " b=" + now.b()));

        page.update(s -> s.withA("x"));
        page.update(s -> s.withB(2));
        page.update(s -> s.withA("y"));

        assertThat(page.current()).isEqualTo(new Counts(List.of("x", "y"), 2));
        assertThat(renders).isEmpty();
        fx.poll().run();
        assertThat(renders).containsExactly("a=[x, y] b=2");

        page.update(s -> s.withB(3));
        fx.poll().run();
        assertThat(renders).last().isEqualTo("a same b=3");
    }

    @Test
    void anUpdateCausedByARenderIsDrawnAfterItNotInsideIt() {
        FxDispatcher dispatcher = new FxDispatcher(Runnable::run, () -> 0, (t, d) -> t.run(), Duration.ZERO);
        List<PageState<Counts>> self = new ArrayList<>();
        PageState<Counts> page = new PageState<>(dispatcher, "page", new Counts(List.of(), 0), (before, now) -> {
            renders.add("start b=" + now.b());
            if (now.b() == 1) {
                self.getFirst().update(s -> s.withB(2));    // e.g. a listener that starts same-thread work
            }
            renders.add("end b=" + now.b());
        });
        self.add(page);

        page.update(s -> s.withB(1));

        assertThat(renders).containsExactly("start b=1", "end b=1", "start b=2", "end b=2");
    }
}
