package io.inferdeck.control.launch;

import java.util.List;
import java.util.OptionalInt;

/**
 * One replica's share of a deployment.
 *
 * @param gpus    machine GPU indices this replica may see (CUDA_VISIBLE_DEVICES); empty = not pinned
 * @param threads CPU threads to pass; empty = leave the engine's default
 */
public record ReplicaSlice(int index, String host, int port, List<Integer> gpus, OptionalInt threads) {
    public ReplicaSlice {
        gpus = List.copyOf(gpus);
    }
}
