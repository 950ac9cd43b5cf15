package io.inferdeck.control.launch;

import io.inferdeck.control.profile.DeploymentProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Splits a validated profile into replicas (data parallel: each replica a whole engine).
 * GPUs: replica i gets the i-th consecutive group of {@code gpus.size()/replicas} selected GPUs.
 * Ports: the caller's allocation, else {@code port + i}. Threads: what the engine's driver gives one
 * replica ({@link io.inferdeck.control.driver.EngineDriver#threadsPerReplica}).
 * Host: replicas always bind loopback, whatever the profile's host: the profile's host is where the InferDeck
 * gateway listens (with its key store, limits and Host/Origin checks), and an engine listening beside it on a
 * public address would let clients bypass all of that (issue 21; docs/hardening.md).
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
        OptionalInt threads = ctx.drivers().driver(p.engine()).threadsPerReplica(p, ctx.cpuCount());
        List<ReplicaSlice> slices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int port = ctx.replicaPorts().isEmpty() ? p.port() + i : ctx.replicaPorts().get(i);
            List<Integer> gpus = p.gpus().subList(i * perReplica, (i + 1) * perReplica);
            slices.add(new ReplicaSlice(i, loopbackLike(p.host()), port, gpus, threads));
        }
        return List.copyOf(slices);
    }

    /** The loopback address of the profile host's family: {@code ::1} for an IPv6 host, else 127.0.0.1. */
    static String loopbackLike(String host) {
        return host.contains(":") ? "::1" : "127.0.0.1";
    }
}
