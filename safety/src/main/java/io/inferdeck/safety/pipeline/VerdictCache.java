package io.inferdeck.safety.pipeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.inferdeck.safety.Span;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Verdicts of a costly stage whose verdict is a function of the exact text it judges (the classifier: the
 * normalized text), so a text seen before — a repeated question, a system prompt, the earlier turns a chat
 * sends again — is not judged again. Keyed by stage id, the stage's config version (model, head, thresholds:
 * whatever changes its answers) and the SHA-256 of the text's UTF-8 bytes: the cache keeps no text. Bounded by
 * an estimate of the bytes it holds; eviction is Caffeine's W-TinyLFU (a burst of one-off prompts cannot flush
 * the ones asked often), run on the calling thread. A verdict comes back exactly as the stage gave it, so
 * decisions are the same with and without the cache (VerdictCacheTest compares them over the dev split).
 * Concurrent misses on one text both judge it (nothing waits on another's computation). Thread-safe.
 */
public final class VerdictCache {
    /** What the live filter gives its cache: about 80 000 verdicts. */
    public static final long LIVE_BYTES = 16L << 20;
    /** Key, verdict, Caffeine node and map slot, beyond the verdict's strings: a rough count, for the bound only. */
    static final int ENTRY_OVERHEAD = 200;

    private final Cache<Key, Verdict> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private record Key(Stage stage, String version, long h0, long h1, long h2, long h3) {
    }

    public VerdictCache(long maxBytes) {
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, Verdict v) -> weight(v))
                .executor(Runnable::run)
                .build();
    }

    /**
     * The verdict {@code stage} (under config {@code version}) gives {@code text}: the cached one, else
     * {@code judge}'s, which is then cached. An exception from {@code judge} is passed on and nothing is cached.
     *
     * @param version must change whenever the stage could answer the same text differently
     */
    public Verdict get(Stage stage, String version, String text, Function<String, Verdict> judge) {
        ByteBuffer h = ByteBuffer.wrap(sha256(text));
        Key key = new Key(stage, version, h.getLong(), h.getLong(), h.getLong(), h.getLong());
        Verdict v = entries.getIfPresent(key);
        if (v != null) {
            hits.increment();
            return v;
        }
        misses.increment();
        v = judge.apply(text);
        entries.put(key, v);
        return v;
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Verdicts held now (after pending evictions). */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    static int weight(Verdict v) {
        int chars = length(v.rule()) + length(v.category());
        for (Span s : v.spans()) {
            chars += length(s.label()) + length(s.replacement()) + 16;
        }
        return ENTRY_OVERHEAD + 2 * chars;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
