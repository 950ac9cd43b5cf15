package io.inferdeck.services.energy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * Recent readings of one monotonic counter (joules, tokens) at increasing times (epoch ms), read
 * back at any instant inside them by linear interpolation, so two counters sampled at different
 * moments can be compared over the same window. Keeps the last {@code keepMillis} and the reading
 * just before. Not thread-safe.
 */
final class CounterTrail {

    private record Point(long atMillis, double value) {
    }

    private final long keepMillis;
    private final Deque<Point> points = new ArrayDeque<>();

    CounterTrail(long keepMillis) {
        this.keepMillis = keepMillis;
    }

    /** A reading older than the newest, or a counter that went backwards (driver reload), restarts the trail. */
    void add(long atMillis, double value) {
        Point last = points.peekLast();
        if (last != null && (atMillis <= last.atMillis() || value < last.value())) {
            points.clear();
        }
        points.addLast(new Point(atMillis, value));
        // keep the newest point at or before the window's start, so the start can be interpolated
        while (points.size() > 2 && second() <= atMillis - keepMillis) {
            points.removeFirst();
        }
    }

    private long second() {
        var it = points.iterator();
        it.next();
        return it.next().atMillis();
    }

    void clear() {
        points.clear();
    }

    boolean isEmpty() {
        return points.isEmpty();
    }

    long firstMillis() {
        return points.getFirst().atMillis();
    }

    long lastMillis() {
        return points.getLast().atMillis();
    }

    /** The counter at {@code atMillis}, empty outside the readings held. */
    OptionalDouble at(long atMillis) {
        Point before = null;
        for (Point p : points) {
            if (p.atMillis() == atMillis) {
                return OptionalDouble.of(p.value());
            }
            if (p.atMillis() > atMillis) {
                if (before == null) {
                    return OptionalDouble.empty();
                }
                double f = (double) (atMillis - before.atMillis()) / (p.atMillis() - before.atMillis());
                return OptionalDouble.of(before.value() + f * (p.value() - before.value()));
            }
            before = p;
        }
        return OptionalDouble.empty();
    }
}
