package io.inferdeck.control.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.profile.ProfileIssue.Severity;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProfileValidatorTest {

    private static DeploymentProfile.Builder builtin() {
        return DeploymentProfile.builder();
    }

    private static DeploymentProfile.Builder llama() {
        return DeploymentProfile.builder().engine(EngineKind.LLAMA_SERVER).model("/m/x.gguf");
    }

    private static DeploymentProfile.Builder vllm() {
        return DeploymentProfile.builder().engine(EngineKind.VLLM).model("Qwen/Qwen2.5-1.5B");
    }

    private static List<ProfileIssue> check(DeploymentProfile.Builder b) {
        return ProfileValidator.validate(b.build(), OptionalInt.empty());
    }

    /** Exactly one issue, on {@code field}, with that severity and a message containing {@code part}. */
    private static void only(DeploymentProfile.Builder b, String field, Severity severity, String part) {
        assertThat(check(b)).singleElement().satisfies(i -> {
            assertThat(i.field()).isEqualTo(field);
            assertThat(i.severity()).isEqualTo(severity);
            assertThat(i.message()).contains(part);
        });
    }

    @Test
    void defaultsAndTypicalProfilesAreClean() {
        assertThat(check(builtin())).isEmpty();
        assertThat(check(llama().gpus(List.of(0, 1)).tensorSplit(List.of(3.0, 1.0)).gpuLayers(99))).isEmpty();
        assertThat(check(vllm().gpus(List.of(0, 1)).tensorParallelSize(2))).isEmpty();
        assertThat(check(DeploymentProfile.builder().engine(EngineKind.REMOTE).baseUrl("https://gpu:8000"))).isEmpty();
    }

    @Test
    void sizes() {
        only(builtin().ctx(0), "ctx", Severity.ERROR, "> 0");
        only(builtin().batch(256).ubatch(512), "batch", Severity.ERROR, "batch (256) must be >= ubatch (512)");
        only(builtin().parallel(0), "parallel", Severity.ERROR, ">= 1");
        only(builtin().threads(0), "threads", Severity.ERROR, ">= 1");
        only(builtin().queue(0), "queue", Severity.ERROR, ">= 1");
        only(builtin().ctx(1024).parallel(16), "ctx", Severity.ERROR, "64 tokens per slot");
        assertThat(check(builtin().ctx(1024).parallel(8))).isEmpty(); // exactly 128 per slot
        // vLLM's max-model-len is per sequence and it has no ubatch: neither rule applies
        assertThat(check(vllm().ctx(1024).parallel(64))).isEmpty();
        only(vllm().batch(128).ubatch(256), "ubatch", Severity.WARNING, "has no effect on engine vllm");
    }

    @Test
    void ctxBeyondTrainedContextOnlyWhenKnown() {
        DeploymentProfile p = builtin().ctx(4096).build();
        assertThat(ProfileValidator.validate(p, OptionalInt.of(4096))).isEmpty();
        assertThat(ProfileValidator.validate(p, OptionalInt.of(2048))).singleElement()
                .satisfies(i -> assertThat(i.toString()).isEqualTo("ctx: 4096 exceeds the model's trained context of 2048 tokens"));
        // llama.cpp splits ctx among the slots: 2 slots x 2048 tokens fit a 2048-token model (what a sweep runs)
        assertThat(ProfileValidator.validate(builtin().ctx(4096).parallel(2).build(), OptionalInt.of(2048))).isEmpty();
        assertThat(ProfileValidator.validate(builtin().ctx(8192).parallel(2).build(), OptionalInt.of(2048))).singleElement()
                .satisfies(i -> assertThat(i.toString()).isEqualTo(
                        "ctx: ctx/parallel = 4096 tokens per slot exceeds the model's trained context of 2048 tokens"));
    }

    @Test
    void kvCacheTypes() {
        only(builtin().cacheTypeK("q3_k"), "cacheTypeK", Severity.ERROR, "not one of [f32, f16, bf16, q8_0");
        only(builtin().cacheTypeV("q8_0"), "cacheTypeV", Severity.ERROR, "needs flashAttention: true");
        assertThat(check(builtin().cacheTypeK("q4_0").cacheTypeV("q8_0").flashAttention(true))).isEmpty();
        assertThat(check(builtin().cacheTypeK("q4_0").cacheTypeV("bf16"))).isEmpty(); // quantized K alone is fine
        for (String t : KvCacheTypes.LLAMA_CPP) {
            assertThat(check(llama().cacheTypeK(t).cacheTypeV(t).flashAttention(true))).as(t).isEmpty();
        }
        assertThat(check(vllm().cacheTypeK("fp8"))).isEmpty();
        only(vllm().cacheTypeK("q8_0"), "cacheTypeK", Severity.ERROR, "[auto, fp8, fp8_e4m3, fp8_e5m2]");
        assertThat(check(vllm().cacheTypeK("fp8").cacheTypeV("fp8_e5m2")))
                .extracting(ProfileIssue::field).contains("cacheTypeV");
    }

    @Test
    void gpuLayout() {
        only(llama().gpus(List.of(0, 1)).tensorSplit(List.of(1.0, 1.0, 1.0)), "tensorSplit", Severity.ERROR,
                "has 3 entries but each replica gets 2 GPU(s)");
        only(llama().gpus(List.of(0, 1, 2, 3)).replicas(2).tensorSplit(List.of(3.0, 1.0, 1.0, 1.0)), "tensorSplit",
                Severity.ERROR, "each replica gets 2 GPU(s) (4 selected / 2 replicas)");
        assertThat(check(llama().gpus(List.of(0, 1, 2, 3)).replicas(2).tensorSplit(List.of(3.0, 1.0)))).isEmpty();
        only(llama().tensorSplit(List.of(1.0)), "tensorSplit", Severity.ERROR, "needs an explicit gpus selection");
        only(llama().gpus(List.of(0, 1)).tensorSplit(List.of(0.0, 0.0)), "tensorSplit", Severity.ERROR, "not all 0");
        only(llama().gpus(List.of(0, 1)).tensorSplit(List.of(1.0, 1.0)).splitMode(SplitMode.NONE), "tensorSplit",
                Severity.WARNING, "ignored with splitMode none");
        only(llama().gpus(List.of(0, 1, 2)).replicas(2), "gpus", Severity.ERROR, "3 GPUs cannot be shared evenly by 2");
        only(llama().gpus(List.of(0, 0)), "gpus[1]", Severity.ERROR, "selected twice");
        only(llama().gpus(List.of(-1)), "gpus[0]", Severity.ERROR, ">= 0");
        only(llama().replicas(0), "replicas", Severity.ERROR, ">= 1");
        only(llama().gpus(List.of(4, 5)).mainGpu(2), "mainGpu", Severity.ERROR, "must be < 2");
        only(llama().gpuLayers(-1), "gpuLayers", Severity.ERROR, ">= 0");
        only(builtin().threads(1).replicas(2), "threads", Severity.WARNING, "oversubscribing");
    }

    @Test
    void vllmParallelism() {
        only(vllm().tensorParallelSize(0), "tensorParallelSize", Severity.ERROR, ">= 1");
        only(vllm().pipelineParallelSize(0), "pipelineParallelSize", Severity.ERROR, ">= 1");
        only(vllm().gpuMemoryUtilization(1.5), "gpuMemoryUtilization", Severity.ERROR, "(0, 1]");
        only(vllm().gpuMemoryUtilization(0), "gpuMemoryUtilization", Severity.ERROR, "(0, 1]");
        only(vllm().gpus(List.of(0, 1)).tensorParallelSize(2).pipelineParallelSize(2), "tensorParallelSize",
                Severity.WARNING, "Ray cluster");
        only(vllm().gpus(List.of(0, 1)), "tensorParallelSize", Severity.WARNING, "fewer than the 2 GPUs");
    }

    @Test
    void vllmOnlyKnobsOnOtherEnginesWarn() {
        List<ProfileIssue> issues = check(llama().tensorParallelSize(2).pipelineParallelSize(2).gpuMemoryUtilization(0.5));
        assertThat(issues).extracting(ProfileIssue::field)
                .containsExactly("tensorParallelSize", "pipelineParallelSize", "gpuMemoryUtilization");
        assertThat(issues).allSatisfy(i -> assertThat(i.severity()).isEqualTo(Severity.WARNING));
        assertThat(issues).extracting(ProfileIssue::message).containsExactly(
                "has no effect on engine llama-server (used by: vllm, sglang)",
                "has no effect on engine llama-server (used by: vllm)",
                "has no effect on engine llama-server (used by: vllm, sglang)");
        only(vllm().gpuLayers(10), "gpuLayers", Severity.WARNING, "used by: builtin, llama-server");
        only(builtin().binary("/x"), "binary", Severity.WARNING, "has no effect on engine builtin");
    }

    @Test
    void bindAndKey() {
        only(builtin().host("0.0.0.0"), "apiKey", Severity.ERROR, "required when host is not loopback");
        only(builtin().host("gpu-box.lan"), "apiKey", Severity.ERROR, "not loopback");
        assertThat(check(builtin().host("0.0.0.0").apiKey("0123456789abcdef"))).isEmpty();
        GatewaySettings keys = new GatewaySettings(null, null, null, null, true, null, null);
        assertThat(check(builtin().host("0.0.0.0").gateway(keys))).as("the key store admits instead").isEmpty();
        assertThat(check(builtin().host("localhost"))).isEmpty();
        assertThat(check(builtin().host("::1"))).isEmpty();
        assertThat(check(builtin().host("127.0.0.2"))).isEmpty();
        only(builtin().apiKey("short"), "apiKey", Severity.WARNING, "shorter than 16");
        // issue 21, failure 8: a 1-character key guarded a 0.0.0.0 bind
        only(builtin().host("0.0.0.0").apiKey("x"), "apiKey", Severity.ERROR, "shorter than 16 characters while host 0.0.0.0");
        only(builtin().host("gpu-box.lan").apiKey("0123456789abcde"), "apiKey", Severity.ERROR, "reachable from other machines");
        only(builtin().apiKey("has space 0123456789"), "apiKey", Severity.ERROR, "without spaces");
        only(builtin().port(0), "port", Severity.ERROR, "1..65535");
        only(builtin().port(70000), "port", Severity.ERROR, "1..65535");
        only(builtin().port(65535).replicas(2).threads(4), "port", Severity.ERROR, "past 65535");
        only(builtin().host(""), "host", Severity.ERROR, "required");
    }

    @Test
    void engineRequirements() {
        only(llama().model(null), "model", Severity.ERROR, "required for llama-server");
        only(vllm().model(" "), "model", Severity.ERROR, "required for vllm");
        only(builtin().model(""), "model", Severity.ERROR, "must not be blank");
        only(builtin().name("my engine"), "name", Severity.ERROR, "1-64 characters");
        DeploymentProfile.Builder remote = DeploymentProfile.builder().engine(EngineKind.REMOTE);
        only(remote, "baseUrl", Severity.ERROR, "required for a remote engine");
        only(remote.baseUrl("ftp://x/"), "baseUrl", Severity.ERROR, "http:// or https://");
        only(remote.baseUrl("http://h:8000").ctx(4096), "ctx", Severity.WARNING, "has no effect on engine remote");
        // remote ignores host, so a remote with a key and default bind is clean
        assertThat(check(remote.ctx(2048).apiKey("0123456789abcdef"))).isEmpty();
    }

    private static DeploymentProfile.Builder liveSafety(String review, String... stages) {
        return builtin().gateway(new GatewaySettings(null, null, null, null, null, null,
                new GatewaySettings.Safety(null, null, review, List.of(stages))));
    }

    @Test
    void liveSafetyReviewMustBeAnAllowedMode() {
        assertThat(check(liveSafety("HOLD"))).as("read case-insensitively").isEmpty();
        assertThat(check(liveSafety(null))).as("default: forward").isEmpty();
        only(liveSafety("later"), "gateway.safety.review", Severity.ERROR, "'later' is not one of forward, hold");
    }

    @Test
    void liveSafetyStageIdsAreCheckedAgainstTheIdsTheRulesKnow() {
        ProfileRules rules = ProfileRules.defaults().withSafetyStages(List.of("normalize", "pii", "toxicity"));
        List<ProfileIssue> issues = ProfileValidator.validate(liveSafety("forward", " PII", "blocklist", "toxicity", "shout").build(),
                OptionalInt.empty(), rules);
        assertThat(issues).extracting(ProfileIssue::field).containsExactly("gateway.safety.stages[1]", "gateway.safety.stages[3]");
        assertThat(issues).allMatch(ProfileIssue::isError);
        assertThat(issues.get(1).message()).isEqualTo("unknown stage 'shout' (known: normalize, pii, toxicity)");
        assertThat(ProfileValidator.validate(liveSafety("forward", "pii", "toxicity").build(), OptionalInt.empty(), rules)).isEmpty();
        assertThat(check(liveSafety("forward", "shout"))).as("without the registry's ids the filters check them when built").isEmpty();
    }

    private static DeploymentProfile.Builder guarded(GatewaySettings.Guard guard, String... stages) {
        return builtin().gateway(new GatewaySettings(null, null, null, null, null, null,
                new GatewaySettings.Safety(null, null, null, List.of(stages), guard)));
    }

    @Test
    void aGuardBlockAddsTheGuardStageIdAndIsCheckedField() {
        ProfileRules rules = ProfileRules.defaults().withSafetyStages(List.of("normalize", "pii"));
        var ok = new GatewaySettings.Guard("http://127.0.0.1:8081", null, "GUARD_KEY", null, "BLOCK", null);
        assertThat(ProfileValidator.validate(guarded(ok, "pii", "guard").build(), OptionalInt.empty(), rules)).isEmpty();
        List<ProfileIssue> noGuard = ProfileValidator.validate(guarded(null, "pii", "guard").build(), OptionalInt.empty(), rules);
        assertThat(noGuard).extracting(ProfileIssue::field).containsExactly("gateway.safety.stages[1]");

        var bad = new GatewaySettings.Guard("ftp://x", " ", null, 0, "redact", "fancy");
        assertThat(ProfileValidator.validate(guarded(bad).build(), OptionalInt.empty(), rules))
                .extracting(ProfileIssue::field).containsExactly("gateway.safety.guard.url", "gateway.safety.guard.model",
                        "gateway.safety.guard.timeoutMs", "gateway.safety.guard.onFailure", "gateway.safety.guard.prompt");
    }
}
