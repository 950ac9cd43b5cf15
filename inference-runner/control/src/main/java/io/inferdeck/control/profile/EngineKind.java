package io.inferdeck.control.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.inferdeck.control.driver.EngineDrivers;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which engine a profile runs: the id of an {@link io.inferdeck.control.driver.EngineDriver}. A value,
 * not a closed list: the valid ids are whatever drivers are registered, so an engine added as a
 * driver needs no change here. The JSON/YAML spelling is {@link #id()}. Callers never compare kinds to
 * decide behaviour; they ask the kind's driver.
 */
public record EngineKind(String id) {
    /** Declared before the constants: they are checked against it as they are built. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** InferDeck's own runner process (llama.cpp through JNI), one JVM per replica. */
    public static final EngineKind BUILTIN = new EngineKind("builtin");
    /** An external llama.cpp {@code llama-server} binary. */
    public static final EngineKind LLAMA_SERVER = new EngineKind("llama-server");
    /** An external {@code vllm serve} process; the route to multi-GPU / multi-node (Ray). */
    public static final EngineKind VLLM = new EngineKind("vllm");
    /** An engine already running elsewhere: monitored and used, never started or stopped. */
    public static final EngineKind REMOTE = new EngineKind("remote");

    /** Structural check only (lower-case word); whether a driver exists is the registry's question. */
    public EngineKind {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("engine id '" + id + "' must be 1-64 characters of a-z 0-9 . _ -");
        }
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    /**
     * Parses a profile's {@code engine} against the default driver registry (profile files have no
     * composition root to hand one in); {@link EngineDrivers#kind(String)} parses against another.
     *
     * @throws IllegalArgumentException naming the allowed spellings
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static EngineKind fromId(String id) {
        return EngineDrivers.defaults().kind(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
