package io.inferdeck.control.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Which engine a profile runs. The JSON/YAML spelling is {@link #id()}. */
public enum EngineKind {
    /** InferDeck's own runner process (llama.cpp through JNI), one JVM per replica. */
    BUILTIN("builtin"),
    /** An external llama.cpp {@code llama-server} binary. */
    LLAMA_SERVER("llama-server"),
    /** An external {@code vllm serve} process; the route to multi-GPU / multi-node (Ray). */
    VLLM("vllm"),
    /** An engine already running elsewhere: monitored and used, never started or stopped. */
    REMOTE("remote");

    private final String id;

    EngineKind(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** True for the engines built on llama.cpp, which share its knobs (ubatch, KV types, -ngl...). */
    public boolean llamaCpp() {
        return this == BUILTIN || this == LLAMA_SERVER;
    }

    /** @throws IllegalArgumentException naming the allowed spellings */
    @JsonCreator
    public static EngineKind fromId(String id) {
        for (EngineKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + id + "' (allowed: " + allowed() + ")");
    }

    static String allowed() {
        return Arrays.stream(values()).map(EngineKind::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
