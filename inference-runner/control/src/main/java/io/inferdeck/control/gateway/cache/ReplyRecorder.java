package io.inferdeck.control.gateway.cache;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Copies the chunks of one reply as they are written to the client, up to a byte limit; past it the copies
 * are dropped at once (the reply will not be stored) so a huge reply costs no memory. Confined to the
 * request's thread.
 */
public final class ReplyRecorder {
    private final long limit;
    private List<byte[]> chunks = new ArrayList<>();
    private long bytes;

    ReplyRecorder(long limit) {
        this.limit = limit;
    }

    /** Copies the buffer's remaining bytes without moving its position; empty buffers (flushes) are skipped. */
    public void chunk(ByteBuffer content) {
        if (content == null || !content.hasRemaining() || chunks == null) {
            return;
        }
        bytes += content.remaining();
        if (bytes > limit) {
            chunks = null;
            return;
        }
        byte[] copy = new byte[content.remaining()];
        content.slice().get(copy);
        chunks.add(copy);
    }

    boolean overflowed() {
        return chunks == null;
    }

    /** The recorded reply, unless it outgrew the limit. */
    Optional<CachedReply> reply(String contentType) {
        return overflowed() ? Optional.empty()
                : Optional.of(new CachedReply(contentType == null ? "application/octet-stream" : contentType, chunks, bytes));
    }
}
