package io.inferdeck.control.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What changes when one profile replaces another, field by field, in the order an operator reads a
 * profile (engine and model first, GPU layout last). The API key is never shown, only whether it changed.
 * The field list is explicit rather than reflective so a renamed record component fails to compile here.
 */
public final class ProfileDiff {

    /** One changed field; values are rendered for display ({@code "default"} for an unset optional). */
    public record Change(String field, String before, String after) {
        @Override
        public String toString() {
            return field + ": " + before + " → " + after;
        }
    }

    private record Field(String name, Function<DeploymentProfile, Object> get) { }

    private static final List<Field> FIELDS = List.of(
            new Field("engine", DeploymentProfile::engine), new Field("name", DeploymentProfile::name),
            new Field("model", DeploymentProfile::model), new Field("quantization", DeploymentProfile::quantization),
            new Field("threads", DeploymentProfile::threads), new Field("ctx", DeploymentProfile::ctx),
            new Field("batch", DeploymentProfile::batch), new Field("ubatch", DeploymentProfile::ubatch),
            new Field("parallel", DeploymentProfile::parallel), new Field("cacheTypeK", DeploymentProfile::cacheTypeK),
            new Field("cacheTypeV", DeploymentProfile::cacheTypeV),
            new Field("flashAttention", DeploymentProfile::flashAttention), new Field("mlock", DeploymentProfile::mlock),
            new Field("noMmap", DeploymentProfile::noMmap), new Field("queue", DeploymentProfile::queue),
            new Field("replicas", DeploymentProfile::replicas), new Field("host", DeploymentProfile::host),
            new Field("port", DeploymentProfile::port), new Field("gpus", DeploymentProfile::gpus),
            new Field("gpuLayers", DeploymentProfile::gpuLayers), new Field("splitMode", DeploymentProfile::splitMode),
            new Field("tensorSplit", DeploymentProfile::tensorSplit), new Field("mainGpu", DeploymentProfile::mainGpu),
            new Field("tensorParallelSize", DeploymentProfile::tensorParallelSize),
            new Field("pipelineParallelSize", DeploymentProfile::pipelineParallelSize),
            new Field("gpuMemoryUtilization", DeploymentProfile::gpuMemoryUtilization),
            new Field("extraArgs", DeploymentProfile::extraArgs), new Field("binary", DeploymentProfile::binary),
            new Field("baseUrl", DeploymentProfile::baseUrl), new Field("gateway", DeploymentProfile::gateway),
            new Field("apiKey", p -> p.apiKey() == null ? null : new Masked(p.apiKey())));

    /** Compares by value but prints as a mask, so a changed key shows as "**** → ****". */
    private record Masked(String key) {
        @Override
        public String toString() {
            return "****";
        }
    }

    private ProfileDiff() {
    }

    /** Changes from {@code before} to {@code after}; empty when they are equal. A null {@code before} means "nothing running". */
    public static List<Change> between(DeploymentProfile before, DeploymentProfile after) {
        Objects.requireNonNull(after, "after");
        List<Change> changes = new ArrayList<>();
        for (Field f : FIELDS) {
            Object a = before == null ? null : f.get().apply(before);
            Object b = f.get().apply(after);
            if (before == null ? b != null && !isEmpty(b) : !Objects.equals(a, b)) {
                changes.add(new Change(f.name(), show(a), show(b)));
            }
        }
        return List.copyOf(changes);
    }

    private static boolean isEmpty(Object v) {
        return v instanceof List<?> l && l.isEmpty();
    }

    private static String show(Object v) {
        if (v == null) {
            return "default";
        }
        return v instanceof List<?> l && l.isEmpty() ? "[]" : v.toString();
    }
}
