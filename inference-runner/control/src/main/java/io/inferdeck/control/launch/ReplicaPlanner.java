package io.inferdeck.control.launch;

import io.inferdeck.control.profile.DeploymentProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Splits a validated profile into replicas (data parallel: each replica a whole engine).
 * GPUs: replica i gets the i-th consecutive group of {@code gpus.size()/replicas} selected GPUs.
 * Ports: the caller's allocation, else {@code port + i}. Threads: llama.cpp replicas on CPU
 * ({@code gpuLayers == 0}) with {@code replicas > 1} share {@code threads} (else the CPU count)
 * evenly, at least 1 each, so N replicas do not oversubscribe the cores N times over.
 */
public final class ReplicaPlanner {
    private ReplicaPlanner() {
    }

    public static List<ReplicaSlice> plan(DeploymentProfile p, LaunchContext ctx) {
        int n = p.replicas();
        if (!ctx.replicaPorts().isEmpty() && ctx.replicaPorts().size() != n) {
            throw new IllegalArgumentException(ctx.replicaPorts().size() + " ports allocated for " + n + " replicas");
        }
        int perReplica = p.gpus().size() / n;
        List<ReplicaSlice> slices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int port = ctx.replicaPorts().isEmpty() ? p.port() + i : ctx.replicaPorts().get(i);
            List<Integer> gpus = p.gpus().subList(i * perReplica, (i + 1) * perReplica);
            slices.add(new ReplicaSlice(i, p.host(), port, gpus, threads(p, ctx)));
        }
        return List.copyOf(slices);
    }

    private static OptionalInt threads(DeploymentProfile p, LaunchContext ctx) {
        boolean cpuReplicas = p.engine().llamaCpp() && p.gpuLayers() == 0 && p.replicas() > 1;
        if (cpuReplicas) {
            int total = p.threads() != null ? p.threads() : ctx.cpuCount();
            return OptionalInt.of(Math.max(1, total / p.replicas()));
        }
        return p.threads() == null ? OptionalInt.empty() : OptionalInt.of(p.threads());
    }
}
