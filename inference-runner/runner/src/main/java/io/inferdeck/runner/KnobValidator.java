package io.inferdeck.runner;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFile;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Checks of the knobs that depend on the model file, run before any native code sees the model.
 * Each one guards a llama.cpp failure verified with build 4916: a quantized KV cache whose block size
 * does not divide the attention head size aborts the process (GGML_ASSERT in llama_context), so it must
 * be refused here with a sentence instead.
 */
final class KnobValidator {
    private KnobValidator() {
    }

    /** Throws on combinations that would crash or kill the model; returns warnings that only deserve a line. */
    static List<String> check(RunnerOptions o, GgufFile model) throws RunnerConfigException {
        String arch = model.architecture().orElseThrow(
                () -> RunnerConfigException.startup(model.path().getFileName() + ": no general.architecture in the GGUF metadata"));
        long heads = model.archInteger("attention.head_count").orElse(0);
        long embedding = model.archInteger("embedding_length").orElse(0);
        long headK = orElse(model.archInteger("attention.key_length"), heads > 0 ? embedding / heads : 0);
        long headV = orElse(model.archInteger("attention.value_length"), heads > 0 ? embedding / heads : 0);
        checkCacheType("--cache-type-k", o.cacheTypeK(), headK, arch);
        checkCacheType("--cache-type-v", o.cacheTypeV(), headV, arch);

        List<String> warnings = new ArrayList<>();
        OptionalLong trained = model.archInteger("context_length");
        if (trained.isPresent() && o.ctxPerSlot() > trained.getAsLong()) {
            warnings.add("context per slot " + o.ctxPerSlot() + " exceeds the model's trained context "
                    + trained.getAsLong() + "; output quality may drop past it");
        }
        return warnings;
    }

    private static void checkCacheType(String flag, GgmlType type, long headSize, String arch) throws RunnerConfigException {
        if (type.blockSize() > 1 && (headSize <= 0 || headSize % type.blockSize() != 0)) {
            throw RunnerConfigException.usage(flag + " " + OptionsParser.name(type) + " needs an attention head size that is a "
                    + "multiple of " + type.blockSize() + "; this " + arch + " model's is " + headSize
                    + " (use f16, f32 or bf16)");
        }
    }

    private static long orElse(OptionalLong v, long fallback) {
        return v.isPresent() ? v.getAsLong() : fallback;
    }
}
