package io.inferdeck.control.profile;

import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.control.driver.LlamaCppDriver;
import java.util.List;

/**
 * KV cache lookups for callers that hold a profile but no driver registry (the editor, the memory
 * fit): they go to the default registry's driver. The facts themselves live in each driver's
 * {@link KvCacheChoices}.
 */
public final class KvCacheTypes {
    /** llama.cpp's {@code -ctk/-ctv} choices, as the llama.cpp drivers accept them. */
    public static final List<String> LLAMA_CPP = LlamaCppDriver.KV_CACHE.allowed();

    private KvCacheTypes() {
    }

    /** What {@code engine} will use: the profile's value, else that engine's default. */
    public static String effective(EngineKind engine, String configured) {
        return EngineDrivers.defaults().driver(engine).kvCache().effective(configured);
    }
}
