package io.inferdeck.control.driver;

import static io.inferdeck.control.profile.ProfileIssue.error;
import static io.inferdeck.control.profile.ProfileIssue.warning;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.GpuLayoutRules;
import io.inferdeck.control.profile.KvCacheChoices;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileKnob;
import io.inferdeck.control.profile.SplitMode;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What every engine built on llama.cpp shares: its knobs (ubatch, KV types, -ngl, tensor split...),
 * its KV cache types, how it divides {@code ctx} among the {@code parallel} slots, the rules those
 * imply, and how CPU replicas share threads. The engines differ in their command lines and metrics.
 */
public abstract class LlamaCppDriver implements EngineDriver {
    /** llama.cpp's {@code -ctk/-ctv} choices (common/arg.cpp kv_cache_types), in its order; f16 when unset. */
    public static final KvCacheChoices KV_CACHE = new KvCacheChoices(
            List.of("f32", "f16", "bf16", "q8_0", "q4_0", "q4_1", "iq4_nl", "q5_0", "q5_1"), "f16");
    /**
     * Smallest context a llama.cpp slot may get (tokens). llama.cpp divides {@code ctx} among the
     * {@code parallel} slots; below this a chat template plus a short prompt and answer do not fit.
     */
    public static final int MIN_CTX_PER_SLOT = 128;

    private static final Set<String> UNQUANTIZED = Set.of("f32", "f16", "bf16");
    private static final Set<ProfileKnob> LLAMA_KNOBS = EnumSet.complementOf(EnumSet.of(
            ProfileKnob.TENSOR_PARALLEL_SIZE, ProfileKnob.PIPELINE_PARALLEL_SIZE, ProfileKnob.GPU_MEMORY_UTILIZATION,
            ProfileKnob.QUEUE, ProfileKnob.BINARY, ProfileKnob.BASE_URL));

    /** The knobs every llama.cpp engine reads plus {@code own}, the ones only this engine has. */
    protected static Set<ProfileKnob> llamaKnobsAnd(ProfileKnob... own) {
        EnumSet<ProfileKnob> knobs = EnumSet.copyOf(LLAMA_KNOBS);
        knobs.addAll(List.of(own));
        return Collections.unmodifiableSet(knobs);
    }

    @Override
    public boolean launched(DeploymentProfile profile) {
        return true;
    }

    @Override
    public KvCacheChoices kvCache() {
        return KV_CACHE;
    }

    /** llama.cpp gives each slot ctx/parallel tokens. */
    @Override
    public int tokensPerSequence(DeploymentProfile p) {
        return p.parallel() > 0 ? p.ctx() / p.parallel() : p.ctx();
    }

    /**
     * Replicas on CPU ({@code gpuLayers == 0}, {@code replicas > 1}) share {@code threads} (else the CPU
     * count) evenly, at least 1 each, so N replicas do not oversubscribe the cores N times over.
     */
    @Override
    public OptionalInt threadsPerReplica(DeploymentProfile p, int cpuCount) {
        if (p.gpuLayers() == 0 && p.replicas() > 1) {
            int total = p.threads() != null ? p.threads() : cpuCount;
            return OptionalInt.of(Math.max(1, total / p.replicas()));
        }
        return p.threads() == null ? OptionalInt.empty() : OptionalInt.of(p.threads());
    }

    @Override
    public void validate(DeploymentProfile p, List<ProfileIssue> out) {
        if (p.ubatch() >= 1 && p.batch() >= 1 && p.batch() < p.ubatch()) {
            out.add(error("batch", "batch (" + p.batch() + ") must be >= ubatch (" + p.ubatch()
                    + "): llama.cpp splits each logical batch into ubatch-sized pieces"));
        }
        if (p.parallel() >= 1 && p.ctx() > 0 && p.ctx() / p.parallel() < MIN_CTX_PER_SLOT) {
            out.add(error("ctx", "ctx/parallel = " + p.ctx() / p.parallel() + " tokens per slot, below the minimum "
                    + MIN_CTX_PER_SLOT + " (llama.cpp divides ctx among the slots): raise ctx or lower parallel"));
        }
        checkCacheTypeV(p, out);
        GpuLayoutRules.gpusPerReplica(p).ifPresent(perReplica -> {   // empty: the layout itself is wrong
            checkSplit(p, perReplica, out);
            if (p.threads() != null && p.threads() >= 1 && p.gpuLayers() == 0 && p.threads() < p.replicas()) {
                out.add(warning("threads", p.threads() + " threads over " + p.replicas()
                        + " CPU replicas: each replica still gets 1 thread, oversubscribing the CPU"));
            }
        });
    }

    /**
     * llama.cpp refuses a quantized V cache without flash attention (the non-FA path needs to
     * transpose V, which block formats cannot do), so the pair is checked up front.
     */
    private static void checkCacheTypeV(DeploymentProfile p, List<ProfileIssue> out) {
        if (p.cacheTypeV() != null && !KV_CACHE.allowed().contains(p.cacheTypeV())) {
            out.add(error("cacheTypeV", "'" + p.cacheTypeV() + "' is not one of " + KV_CACHE.allowed()));
        } else if (!UNQUANTIZED.contains(KV_CACHE.effective(p.cacheTypeV())) && !p.flashAttention()) {
            out.add(error("cacheTypeV", "a quantized V cache (" + p.cacheTypeV()
                    + ") needs flashAttention: true (llama.cpp refuses it otherwise)"));
        }
    }

    /** {@code tensorSplit} and {@code mainGpu} index the GPUs one replica sees, renumbered from 0. */
    private static void checkSplit(DeploymentProfile p, int perReplica, List<ProfileIssue> out) {
        List<Double> split = p.tensorSplit();
        if (!split.isEmpty()) {
            if (p.gpus().isEmpty()) {
                out.add(error("tensorSplit", "needs an explicit gpus selection to match against"));
            } else if (split.size() != perReplica) {
                out.add(error("tensorSplit", "has " + split.size() + " entries but each replica gets "
                        + perReplica + " GPU(s) (" + p.gpus().size() + " selected / " + p.replicas() + " replicas)"));
            }
            if (split.stream().anyMatch(v -> !Double.isFinite(v) || v < 0)
                    || split.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
                out.add(error("tensorSplit", "proportions must be finite, >= 0, and not all 0"));
            }
            if (p.splitMode() == SplitMode.NONE) {
                out.add(warning("tensorSplit", "ignored with splitMode none (the model stays on mainGpu)"));
            }
        }
        if (p.mainGpu() < 0) {
            out.add(error("mainGpu", "must be >= 0"));
        } else if (!p.gpus().isEmpty() && p.mainGpu() >= perReplica) {
            out.add(error("mainGpu", "must be < " + perReplica
                    + ": it indexes the GPUs each replica sees, renumbered from 0"));
        }
    }
}
