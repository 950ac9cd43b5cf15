package io.inferdeck.control.profile;

import static io.inferdeck.control.profile.EngineKind.BUILTIN;
import static io.inferdeck.control.profile.EngineKind.LLAMA_SERVER;
import static io.inferdeck.control.profile.EngineKind.REMOTE;
import static io.inferdeck.control.profile.EngineKind.VLLM;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which engines read which knob. A knob set away from its default on an engine that ignores it
 * is a warning (not an error): the profile still runs, but the operator should know the value
 * does nothing there, e.g. {@code tensorParallelSize} on llama-server.
 */
final class KnobApplicability {

    private record Knob(String field, Set<EngineKind> engines, Function<DeploymentProfile, Object> value) {
    }

    private static final Set<EngineKind> LLAMA = EnumSet.of(BUILTIN, LLAMA_SERVER);
    private static final Set<EngineKind> LOCAL = EnumSet.of(BUILTIN, LLAMA_SERVER, VLLM);

    private static final List<Knob> KNOBS = List.of(
            new Knob("model", LOCAL, DeploymentProfile::model),
            new Knob("quantization", LOCAL, DeploymentProfile::quantization),
            new Knob("threads", LLAMA, DeploymentProfile::threads),
            new Knob("ctx", LOCAL, DeploymentProfile::ctx),
            new Knob("batch", LOCAL, DeploymentProfile::batch),
            new Knob("ubatch", LLAMA, DeploymentProfile::ubatch),
            new Knob("parallel", LOCAL, DeploymentProfile::parallel),
            new Knob("cacheTypeK", LOCAL, DeploymentProfile::cacheTypeK),
            new Knob("cacheTypeV", LLAMA, DeploymentProfile::cacheTypeV),
            new Knob("flashAttention", LLAMA, DeploymentProfile::flashAttention),
            new Knob("mlock", LLAMA, DeploymentProfile::mlock),
            new Knob("noMmap", LLAMA, DeploymentProfile::noMmap),
            new Knob("gpus", LOCAL, DeploymentProfile::gpus),
            new Knob("gpuLayers", LLAMA, DeploymentProfile::gpuLayers),
            new Knob("splitMode", LLAMA, DeploymentProfile::splitMode),
            new Knob("tensorSplit", LLAMA, DeploymentProfile::tensorSplit),
            new Knob("mainGpu", LLAMA, DeploymentProfile::mainGpu),
            new Knob("tensorParallelSize", EnumSet.of(VLLM), DeploymentProfile::tensorParallelSize),
            new Knob("pipelineParallelSize", EnumSet.of(VLLM), DeploymentProfile::pipelineParallelSize),
            new Knob("gpuMemoryUtilization", EnumSet.of(VLLM), DeploymentProfile::gpuMemoryUtilization),
            new Knob("replicas", LOCAL, DeploymentProfile::replicas),
            new Knob("host", LOCAL, DeploymentProfile::host),
            new Knob("port", LOCAL, DeploymentProfile::port),
            new Knob("queue", EnumSet.of(BUILTIN), DeploymentProfile::queue),
            new Knob("extraArgs", LOCAL, DeploymentProfile::extraArgs),
            new Knob("binary", EnumSet.of(LLAMA_SERVER, VLLM), DeploymentProfile::binary),
            new Knob("baseUrl", EnumSet.of(REMOTE), DeploymentProfile::baseUrl));

    private KnobApplicability() {
    }

    static void check(DeploymentProfile profile, List<ProfileIssue> out) {
        DeploymentProfile defaults = DeploymentProfile.builder().build();
        for (Knob knob : KNOBS) {
            if (!knob.engines().contains(profile.engine())
                    && !Objects.equals(knob.value().apply(profile), knob.value().apply(defaults))) {
                String users = knob.engines().stream().map(EngineKind::id).collect(Collectors.joining(", "));
                out.add(ProfileIssue.warning(knob.field(),
                        "has no effect on engine " + profile.engine().id() + " (used by: " + users + ")"));
            }
        }
    }
}
