package io.inferdeck.runner;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The KV cache the runner's requests hold, ESTIMATED: de.kherud:llama exposes no KV cache statistics, so this
 * counts what the runner itself tracks — the prompt plus the generated tokens of each request holding a slot,
 * each capped at the slot's context — over {@code ctxPerSlot × slots} cells. What it does not see: cells
 * llama.cpp keeps after a request ends (prompt reuse) count as free here, and a chat template's tokens are
 * counted as the tokenizer saw them. Exported as {@code inferdeck_kv_cache_tokens} and
 * {@code inferdeck_kv_cache_usage_ratio}. Thread-safe; each {@link Share} belongs to one request's thread.
 */
final class KvEstimate {
    private final int ctxPerSlot;
    private final long capacity;
    private final AtomicLong held = new AtomicLong();

    KvEstimate(int ctxPerSlot, int slots) {
        if (ctxPerSlot < 1 || slots < 1) {
            throw new IllegalArgumentException("need ctxPerSlot >= 1 and slots >= 1");
        }
        this.ctxPerSlot = ctxPerSlot;
        this.capacity = (long) ctxPerSlot * slots;
    }

    /** One request's cells, from its prompt until it gives its slot back ({@link Share#close()}). */
    Share open() {
        return new Share();
    }

    /** Tokens held by all requests now. */
    long tokens() {
        return held.get();
    }

    /** {@link #tokens()} over every slot's context, 0..1. */
    double usage() {
        return (double) held.get() / capacity;
    }

    final class Share implements AutoCloseable {
        private int tokens;

        private Share() {
        }

        /** {@code n} more tokens in this request's slot (prompt, then one per generated token), capped at the slot. */
        void add(int n) {
            int grown = (int) Math.min(ctxPerSlot, (long) tokens + n);
            held.addAndGet(grown - tokens);
            tokens = grown;
        }

        @Override
        public void close() {
            held.addAndGet(-tokens);
            tokens = 0;
        }
    }
}
