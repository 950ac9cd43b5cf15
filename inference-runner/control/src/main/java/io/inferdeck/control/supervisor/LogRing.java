package io.inferdeck.control.supervisor;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@code capacity} log lines of an engine, plus a running sequence number so a reader can ask
 * for "lines after n" without copying the whole buffer. Thread-safe (the log pump writes, views read).
 */
public final class LogRing {
    private final int capacity;
    private final ArrayDeque<String> lines;
    private long appended;

    public LogRing(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    public synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
        appended++;
    }

    /** Total lines ever added; lines older than {@code appended - capacity} are gone. */
    public synchronized long appended() {
        return appended;
    }

    public synchronized List<String> tail(int n) {
        return lines.stream().skip(Math.max(0, lines.size() - n)).toList();
    }

    /** Lines with sequence number {@code >= from} that are still held. */
    public synchronized List<String> since(long from) {
        long first = appended - lines.size();
        return lines.stream().skip(Math.max(0, from - first)).toList();
    }
}
