package io.inferdeck.gpu;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Thread-safe pid -> engine name table: the engine supervisor registers the pids it starts and
 * removes them when they exit; the GPU sampler reads it through {@link EnginePidLookup}.
 */
public final class EnginePidRegistry implements EnginePidLookup {

    private final Map<Long, String> names = new ConcurrentHashMap<>();

    public void register(long pid, String engineName) {
        names.put(pid, Objects.requireNonNull(engineName, "engineName"));
    }

    public void unregister(long pid) {
        names.remove(pid);
    }

    @Override
    public Optional<String> engineName(long pid) {
        return Optional.ofNullable(names.get(pid));
    }
}
