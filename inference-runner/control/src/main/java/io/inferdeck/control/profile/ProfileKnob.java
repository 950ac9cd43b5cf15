package io.inferdeck.control.profile;

import java.util.function.Function;

/**
 * The profile fields an engine may or may not read, in the order the file documents them. Each
 * {@link io.inferdeck.control.driver.EngineDriver} lists the ones it reads; {@code name} and
 * {@code apiKey} are not here because every engine uses them.
 */
public enum ProfileKnob {
    MODEL("model", DeploymentProfile::model),
    QUANTIZATION("quantization", DeploymentProfile::quantization),
    THREADS("threads", DeploymentProfile::threads),
    CTX("ctx", DeploymentProfile::ctx),
    BATCH("batch", DeploymentProfile::batch),
    UBATCH("ubatch", DeploymentProfile::ubatch),
    PARALLEL("parallel", DeploymentProfile::parallel),
    CACHE_TYPE_K("cacheTypeK", DeploymentProfile::cacheTypeK),
    CACHE_TYPE_V("cacheTypeV", DeploymentProfile::cacheTypeV),
    FLASH_ATTENTION("flashAttention", DeploymentProfile::flashAttention),
    MLOCK("mlock", DeploymentProfile::mlock),
    NO_MMAP("noMmap", DeploymentProfile::noMmap),
    GPUS("gpus", DeploymentProfile::gpus),
    GPU_LAYERS("gpuLayers", DeploymentProfile::gpuLayers),
    SPLIT_MODE("splitMode", DeploymentProfile::splitMode),
    TENSOR_SPLIT("tensorSplit", DeploymentProfile::tensorSplit),
    MAIN_GPU("mainGpu", DeploymentProfile::mainGpu),
    TENSOR_PARALLEL_SIZE("tensorParallelSize", DeploymentProfile::tensorParallelSize),
    PIPELINE_PARALLEL_SIZE("pipelineParallelSize", DeploymentProfile::pipelineParallelSize),
    GPU_MEMORY_UTILIZATION("gpuMemoryUtilization", DeploymentProfile::gpuMemoryUtilization),
    REPLICAS("replicas", DeploymentProfile::replicas),
    HOST("host", DeploymentProfile::host),
    PORT("port", DeploymentProfile::port),
    QUEUE("queue", DeploymentProfile::queue),
    EXTRA_ARGS("extraArgs", DeploymentProfile::extraArgs),
    BINARY("binary", DeploymentProfile::binary),
    BASE_URL("baseUrl", DeploymentProfile::baseUrl);

    private final String field;
    private final Function<DeploymentProfile, Object> value;

    ProfileKnob(String field, Function<DeploymentProfile, Object> value) {
        this.field = field;
        this.value = value;
    }

    /** The JSON/YAML field name. */
    public String field() {
        return field;
    }

    public Object valueIn(DeploymentProfile profile) {
        return value.apply(profile);
    }
}
