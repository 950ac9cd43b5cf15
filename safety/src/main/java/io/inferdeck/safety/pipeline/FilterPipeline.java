package io.inferdeck.safety.pipeline;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.normalize.NormalizedText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The filter: an ordered list of {@link FilterStage}s (by {@link FilterStage#order()}, built-ins normalize →
 * blocklist → PII → classifier), each on or off per side. Every stage that runs is timed; the most severe
 * decision wins (the first stage to reach it is the decisive one). Stages marked
 * {@link FilterStage#skipOnceBlocked()} do not run after a BLOCK. A stage that throws yields a REVIEW
 * verdict ({@link StageOutcome#failed}) and the rest still run. REVIEW results go to the {@link ReviewSink}
 * with the {@link #configHash()}.
 * Thread-safe if its stages are (all shipped ones are).
 */
public final class FilterPipeline {
    private static final System.Logger LOG = System.getLogger(FilterPipeline.class.getName());
    private final FilterConfig config;
    private final List<Slot> slots;
    private final List<Stage> ids;
    private final ReviewSink review;
    private final String configHash;

    /** A stage with the properties the contract says are fixed, read once here rather than per request. */
    private record Slot(FilterStage stage, Stage id, boolean skipOnceBlocked, boolean timed) {
    }

    /**
     * @param stages in any order; they run sorted by order, then id
     * @throws IllegalArgumentException when two stages share an id, or the config switches a stage this
     *     pipeline does not have (the message lists the ones it has)
     */
    public FilterPipeline(FilterConfig config, List<FilterStage> stages, ReviewSink review) {
        this.config = config;
        this.review = review;
        this.slots = stages.stream()
                .sorted(Comparator.comparingInt(FilterStage::order).thenComparing(s -> s.id().wire()))
                .map(s -> new Slot(s, s.id(), s.skipOnceBlocked(), s.available()))
                .toList();
        this.ids = slots.stream().map(Slot::id).toList();
        if (new HashSet<>(ids).size() != ids.size()) {
            throw new IllegalArgumentException("two stages share an id: " + ids);
        }
        config.input().requireKnown(ids, "input");
        config.output().requireKnown(ids, "output");
        StringBuilder fingerprint = new StringBuilder(config.describe(ids));   // stage fingerprints are fixed: once
        slots.forEach(slot -> fingerprint.append(slot.stage().configFingerprint()));
        this.configHash = FilterConfig.sha256(fingerprint.toString()).substring(0, 16);
    }

    /**
     * The same stage instances under other switches and another review sink: one loaded classifier serves
     * several pipelines (live traffic checks a reply's short windows and its longer segments with different
     * stages).
     *
     * @throws IllegalArgumentException when {@code config} switches a stage this pipeline does not have
     */
    public FilterPipeline with(FilterConfig config, ReviewSink review) {
        return new FilterPipeline(config, slots.stream().map(Slot::stage).toList(), review);
    }

    public FilterConfig config() {
        return config;
    }

    /** The stage ids in the order they run. */
    public List<Stage> stages() {
        return ids;
    }

    /** SHA-256 of the config and every stage's config fingerprint (first 16 hex digits): changes when filtering can. */
    public String configHash() {
        return configHash;
    }

    public PipelineResult filter(String text, Side side) {
        StageSwitches on = config.side(side);
        boolean truncated = text.length() > config.maxChars();
        String original = truncated ? text.substring(0, config.maxChars()) : text;
        Map<Stage, Long> nanos = new HashMap<>();
        List<Verdict> verdicts = new ArrayList<>();
        NormalizedText normalized = NormalizedText.identity(original);
        String masked = original;
        for (Slot slot : slots) {
            if (!on.on(slot.id())) {
                continue;
            }
            StageInput in = new StageInput(original, normalized, masked, verdicts, side);
            if (slot.skipOnceBlocked() && in.blocked()) {
                continue;
            }
            long t = System.nanoTime();
            StageOutcome out = run(slot, in);
            if (slot.timed()) {
                nanos.put(slot.id(), System.nanoTime() - t);
            }
            out.verdict().ifPresent(verdicts::add);
            normalized = out.normalized().orElse(normalized);
            masked = out.masked().orElse(masked);
        }
        Verdict decisive = verdicts.stream()
                .reduce((a, b) -> b.decision().ordinal() > a.decision().ordinal() ? b : a)
                .orElse(Verdict.allow(Stage.NORMALIZE));
        PipelineResult result = new PipelineResult(side, decisive.decision(), decisive, verdicts, masked, nanos, truncated);
        if (result.decision() == Decision.REVIEW) {
            review.submit(result, configHash);
        }
        return result;
    }

    // LinkageError too: a plugin stage missing a class must not take the request down with it.
    private static StageOutcome run(Slot slot, StageInput in) {
        try {
            StageOutcome out = slot.stage().apply(in);
            return out != null ? out : StageOutcome.failed(slot.id(), new NullPointerException("null outcome"));
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, () -> "safety stage " + slot.id().wire() + " failed: " + where(e));
            return StageOutcome.failed(slot.id(), e);
        }
    }

    /**
     * The exception's type and first frames, and its cause's type: enough to find a bug. Not its message, which may
     * quote the text being filtered.
     */
    static String where(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getName());
        StackTraceElement[] frames = e.getStackTrace();
        for (int i = 0; i < Math.min(8, frames.length); i++) {
            sb.append(i == 0 ? " at " : " < ").append(frames[i]);
        }
        if (e.getCause() != null) {
            sb.append("; cause ").append(e.getCause().getClass().getName());
        }
        return sb.toString();
    }
}
