package io.inferdeck.control.gateway.cache;

import java.util.List;
import java.util.Objects;

/**
 * One stored 200 reply: its content type and its body as the chunks the gateway relayed to the first client
 * (for SSE, each chunk is what the engine flushed and the gateway read in one go), replayed with the same
 * chunking. Immutable: the chunk arrays are copies made by {@link ReplyRecorder} and never written again.
 *
 * @param bytes the body's length, the sum of the chunks' lengths
 */
public record CachedReply(String contentType, List<byte[]> chunks, long bytes) {
    /** Bookkeeping charged per entry and per chunk on top of the body (key, record, list, array headers). */
    static final int ENTRY_OVERHEAD = 256;
    static final int CHUNK_OVERHEAD = 16;

    public CachedReply {
        Objects.requireNonNull(contentType, "contentType");
        chunks = List.copyOf(chunks);
    }

    /** True for an SSE reply, replayed chunk by chunk with a flush after each. */
    public boolean streamed() {
        return contentType.startsWith("text/event-stream");
    }

    /** What the entry costs the cache's byte bound. */
    int weight() {
        return (int) Math.min(Integer.MAX_VALUE, bytes + ENTRY_OVERHEAD + (long) CHUNK_OVERHEAD * chunks.size());
    }
}
