package io.inferdeck.services.engine;

import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.gpu.EnginePidRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the GPU monitor's pid registry in step with the replicas, so GPU cards attribute memory to the
 * engine. Engine-supervisor thread only.
 */
final class EnginePids {
    private final EnginePidRegistry registry;
    private final Map<Integer, Long> byReplica = new HashMap<>();

    EnginePids(EnginePidRegistry registry) {
        this.registry = registry;
    }

    void track(int replica, int replicas, EngineState state) {
        long pid = switch (state) {
            case EngineState.Starting s -> s.pid();
            case EngineState.Ready r -> r.pid().orElse(-1);   // attached engines run no process here
            case EngineState.Degraded d -> d.pid().orElse(-1);
            case EngineState.Stopping s -> s.pid();
            default -> -1;
        };
        Long old = pid < 0 ? byReplica.remove(replica) : byReplica.put(replica, pid);
        if (old != null && old != pid) {
            registry.unregister(old);
        }
        if (pid >= 0) {
            registry.register(pid, "builtin engine" + (replicas > 1 ? " #" + replica : ""));
        }
    }

    /** The deployment is gone: none of its pids is an engine any more. */
    void clear() {
        byReplica.values().forEach(registry::unregister);
        byReplica.clear();
    }
}
