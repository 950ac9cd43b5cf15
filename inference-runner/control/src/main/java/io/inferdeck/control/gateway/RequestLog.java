package io.inferdeck.control.gateway;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The last {@code capacity} requests, newest first on read, optionally also appended to a rotating JSONL
 * file. Thread-safe: the ring is guarded by its own monitor; the file sink serialises its appends.
 * A failing file never fails a request: the error is kept and the ring goes on.
 */
public final class RequestLog implements AutoCloseable {
    private final int capacity;
    private final ArrayDeque<RequestRecord> ring;
    private final Optional<JsonlFile> file;

    public RequestLog(int capacity, Optional<JsonlFile> file) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.ring = new ArrayDeque<>(capacity);
        this.file = file;
    }

    public void add(RequestRecord r) {
        synchronized (ring) {
            if (ring.size() == capacity) {
                ring.pollFirst();
            }
            ring.addLast(r);
        }
        file.ifPresent(f -> f.append(RequestRecordJson.line(r)));
    }

    /** Up to {@code limit} most recent records, newest first. */
    public List<RequestRecord> latest(int limit) {
        List<RequestRecord> out = new ArrayList<>(Math.min(limit, capacity));
        synchronized (ring) {
            Iterator<RequestRecord> it = ring.descendingIterator();
            while (it.hasNext() && out.size() < limit) {
                out.add(it.next());
            }
        }
        return out;
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public void close() {
        file.ifPresent(JsonlFile::close);
    }
}
