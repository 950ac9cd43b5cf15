package io.inferdeck.control.driver;

import static io.inferdeck.control.profile.ProfileIssue.error;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileIssue;
import java.util.List;

/**
 * Rules shared by the Python GPU servers (vLLM, SGLang): one KV cache dtype for K and V, a tensor parallel
 * size of at least one, and a GPU memory share that is a fraction. Written once, used by both drivers.
 */
final class GpuServerRules {
    private GpuServerRules() {
    }

    static void check(String engine, DeploymentProfile p, List<ProfileIssue> out) {
        if (p.cacheTypeV() != null && !p.cacheTypeV().equals(p.cacheTypeK())) {
            out.add(error("cacheTypeV", engine + " uses one KV cache dtype for K and V: set cacheTypeK only"));
        }
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
    }
}
