package io.inferdeck.control.profile;

import static io.inferdeck.control.profile.ProfileIssue.error;
import static io.inferdeck.control.profile.ProfileIssue.warning;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules for GPU selection, replicas and how one engine spreads over its share of GPUs.
 * Each replica gets {@code gpus.size() / replicas} consecutive GPUs of the selection and sees them
 * renumbered from 0 (CUDA_VISIBLE_DEVICES), so {@code tensorSplit} and {@code mainGpu} are
 * per-replica, not per-machine.
 */
final class GpuLayoutRules {
    private GpuLayoutRules() {
    }

    static void check(DeploymentProfile p, List<ProfileIssue> out) {
        if (p.replicas() < 1) {
            out.add(error("replicas", "must be >= 1"));
            return;
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < p.gpus().size(); i++) {
            int gpu = p.gpus().get(i);
            if (gpu < 0) {
                out.add(error("gpus[" + i + "]", "GPU index must be >= 0"));
            } else if (!seen.add(gpu)) {
                out.add(error("gpus[" + i + "]", "GPU " + gpu + " is selected twice"));
            }
        }
        if (!p.gpus().isEmpty() && p.gpus().size() % p.replicas() != 0) {
            out.add(error("gpus", p.gpus().size() + " GPUs cannot be shared evenly by " + p.replicas() + " replicas"));
            return;
        }
        int perReplica = p.gpus().size() / p.replicas();
        if (p.gpuLayers() < 0) {
            out.add(error("gpuLayers", "must be >= 0 (0 = CPU only; a large number such as 999 offloads every layer)"));
        }
        if (p.engine().llamaCpp()) {
            checkLlamaSplit(p, perReplica, out);
        } else if (p.engine() == EngineKind.VLLM) {
            checkVllmParallel(p, perReplica, out);
        }
        if (p.engine().llamaCpp() && p.threads() != null && p.threads() >= 1 && p.gpuLayers() == 0
                && p.threads() < p.replicas()) {
            out.add(warning("threads", p.threads() + " threads over " + p.replicas()
                    + " CPU replicas: each replica still gets 1 thread, oversubscribing the CPU"));
        }
    }

    private static void checkLlamaSplit(DeploymentProfile p, int perReplica, List<ProfileIssue> out) {
        List<Double> split = p.tensorSplit();
        if (!split.isEmpty()) {
            if (p.gpus().isEmpty()) {
                out.add(error("tensorSplit", "needs an explicit gpus selection to match against"));
            } else if (split.size() != perReplica) {
                out.add(error("tensorSplit", "has " + split.size() + " entries but each replica gets "
                        + perReplica + " GPU(s) (" + p.gpus().size() + " selected / " + p.replicas() + " replicas)"));
            }
            if (split.stream().anyMatch(v -> !Double.isFinite(v) || v < 0)
                    || split.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
                out.add(error("tensorSplit", "proportions must be finite, >= 0, and not all 0"));
            }
            if (p.splitMode() == SplitMode.NONE) {
                out.add(warning("tensorSplit", "ignored with splitMode none (the model stays on mainGpu)"));
            }
        }
        if (p.mainGpu() < 0) {
            out.add(error("mainGpu", "must be >= 0"));
        } else if (!p.gpus().isEmpty() && p.mainGpu() >= perReplica) {
            out.add(error("mainGpu", "must be < " + perReplica
                    + ": it indexes the GPUs each replica sees, renumbered from 0"));
        }
    }

    private static void checkVllmParallel(DeploymentProfile p, int perReplica, List<ProfileIssue> out) {
        if (p.tensorParallelSize() < 1) {
            out.add(error("tensorParallelSize", "must be >= 1"));
        }
        if (p.pipelineParallelSize() < 1) {
            out.add(error("pipelineParallelSize", "must be >= 1"));
        }
        double g = p.gpuMemoryUtilization();
        if (!(g > 0 && g <= 1)) {
            out.add(error("gpuMemoryUtilization", "must be a fraction in (0, 1]"));
        }
        long needed = (long) p.tensorParallelSize() * p.pipelineParallelSize();
        if (!p.gpus().isEmpty() && needed > perReplica) {
            out.add(warning("tensorParallelSize", "tensor x pipeline parallel = " + needed + " GPUs but each replica gets "
                    + perReplica + ": only works across nodes of a Ray cluster"));
        } else if (!p.gpus().isEmpty() && needed < perReplica) {
            out.add(warning("tensorParallelSize", "tensor x pipeline parallel = " + needed + " uses fewer than the "
                    + perReplica + " GPUs each replica gets"));
        }
    }
}
