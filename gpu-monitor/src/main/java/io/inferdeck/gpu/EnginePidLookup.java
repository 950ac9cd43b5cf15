package io.inferdeck.gpu;

import java.util.Optional;

/**
 * Resolves a process id to the name of the engine the console started with it. Called on the
 * sampler thread once per process per sample, so implementations must be thread-safe and cheap.
 */
@FunctionalInterface
public interface EnginePidLookup {

    EnginePidLookup NONE = pid -> Optional.empty();

    Optional<String> engineName(long pid);
}
