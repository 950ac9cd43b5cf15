package io.inferdeck.control.profile;

import static io.inferdeck.control.profile.ProfileIssue.error;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The engine-independent rules for GPU selection and replicas. Each replica gets
 * {@code gpus.size() / replicas} consecutive GPUs of the selection and sees them renumbered from 0
 * (CUDA_VISIBLE_DEVICES), so per-replica knobs such as {@code tensorSplit} and {@code mainGpu} are
 * checked by the engine's driver against {@link #gpusPerReplica}.
 */
public final class GpuLayoutRules {
    private GpuLayoutRules() {
    }

    /** GPUs each replica gets; empty while replicas or the selection are invalid (those rules report it). */
    public static OptionalInt gpusPerReplica(DeploymentProfile p) {
        if (p.replicas() < 1 || p.gpus().size() % p.replicas() != 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(p.gpus().size() / p.replicas());
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
        if (p.gpuLayers() < 0) {
            out.add(error("gpuLayers", "must be >= 0 (0 = CPU only; a large number such as 999 offloads every layer)"));
        }
    }
}
