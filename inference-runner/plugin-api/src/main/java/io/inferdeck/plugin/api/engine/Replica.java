package io.inferdeck.plugin.api.engine;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One launched replica's share of the deployment.
 *
 * @param index   0-based replica number
 * @param host    the address the replica must bind (InferDeck's gateway sits in front of it)
 * @param port    the port the replica must listen on
 * @param gpus    machine GPU indices the replica sees (already in its {@code CUDA_VISIBLE_DEVICES}); empty = not pinned
 * @param threads CPU threads to use; empty = the engine's default
 */
public record Replica(int index, String host, int port, List<Integer> gpus, OptionalInt threads) {
    public Replica {
        Objects.requireNonNull(host, "host");
        gpus = List.copyOf(gpus);
        threads = threads == null ? OptionalInt.empty() : threads;
    }
}
