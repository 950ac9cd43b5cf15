package io.inferdeck.control.profile;

import java.util.List;
import java.util.Set;

/**
 * KV cache element types each engine accepts, and the effective value when a profile leaves
 * {@code cacheTypeK/V} unset. Kept as data so the validator, the renderers and the editor agree.
 */
public final class KvCacheTypes {
    /** llama.cpp's {@code -ctk/-ctv} choices (common/arg.cpp kv_cache_types), in its order. */
    public static final List<String> LLAMA_CPP =
            List.of("f32", "f16", "bf16", "q8_0", "q4_0", "q4_1", "iq4_nl", "q5_0", "q5_1");
    /** vLLM's {@code --kv-cache-dtype} choices; one dtype covers both K and V. */
    public static final List<String> VLLM = List.of("auto", "fp8", "fp8_e4m3", "fp8_e5m2");

    private static final Set<String> UNQUANTIZED = Set.of("f32", "f16", "bf16");

    private KvCacheTypes() {
    }

    /**
     * llama.cpp refuses a quantized V cache without flash attention (the non-FA path needs to
     * transpose V, which block formats cannot do), so the validator checks the pair up front.
     */
    public static boolean quantized(String llamaType) {
        return !UNQUANTIZED.contains(llamaType);
    }

    public static List<String> allowed(EngineKind engine) {
        return engine == EngineKind.VLLM ? VLLM : LLAMA_CPP;
    }

    /** What the engine will use: the profile's value, else f16 (llama.cpp) or auto (vLLM). */
    public static String effective(EngineKind engine, String configured) {
        if (configured != null) {
            return configured;
        }
        return engine == EngineKind.VLLM ? "auto" : "f16";
    }
}
