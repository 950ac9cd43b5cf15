package io.inferdeck.services.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Multi-node vLLM: the split rules against a model's config.json and the nodes, and the rendered commands against the
 * flags of vLLM's distributed-serving documentation ({@code --tensor-parallel-size}, {@code --pipeline-parallel-size},
 * {@code --distributed-executor-backend ray}) and Ray's CLI ({@code ray start --head --port}, {@code ray start --address}).
 */
class VllmMultiNodePlanTest {
    /** Llama-3-70B's shape (64 heads, 8 KV heads, 80 layers), about 141 GB of bf16 weights. */
    private static final String LLAMA_70B = "{\"num_attention_heads\": 64, \"num_key_value_heads\": 8, \"num_hidden_layers\": 80}";
    private static final long GIB = 1L << 30;
    private static final VllmMultiNodePlan.Node HEAD = new VllmMultiNodePlan.Node("gpu-a", "10.0.0.5", 8, 80 * GIB);
    private static final VllmMultiNodePlan.Node WORKER = new VllmMultiNodePlan.Node("gpu-b", "10.0.0.6", 8, 80 * GIB);

    private static VllmMultiNodePlan plan(String config, long weights, int tp, int pp, List<VllmMultiNodePlan.Node> nodes) throws Exception {
        return new VllmMultiNodePlan("meta-llama/Meta-Llama-3-70B-Instruct", ModelShape.fromConfigJson(config, weights), nodes,
                tp, pp, 0.9, 6379, 8000);
    }

    @Test
    void tp8Pp2OverTwoNodesRendersRayHeadWorkerAndServe() throws Exception {
        VllmMultiNodePlan p = plan(LLAMA_70B, 141_000_000_000L, 8, 2, List.of(HEAD, WORKER));
        assertThat(p.problems()).isEmpty();
        assertThat(p.steps()).extracting(VllmMultiNodePlan.Step::node, VllmMultiNodePlan.Step::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gpu-a", "head"), org.assertj.core.groups.Tuple.tuple("gpu-b", "worker"),
                        org.assertj.core.groups.Tuple.tuple("gpu-a", "serve"));
        assertThat(p.steps().get(0).commands()).containsExactly("export VLLM_HOST_IP=10.0.0.5",
                "ray start --head --node-ip-address=10.0.0.5 --port=6379");
        assertThat(p.steps().get(1).commands()).containsExactly("export VLLM_HOST_IP=10.0.0.6",
                "ray start --address=10.0.0.5:6379 --node-ip-address=10.0.0.6");
        assertThat(p.steps().get(2).commands().getLast()).isEqualTo("vllm serve 'meta-llama/Meta-Llama-3-70B-Instruct' "
                + "--tensor-parallel-size 8 --pipeline-parallel-size 2 --distributed-executor-backend ray "
                + "--gpu-memory-utilization 0.9 --host 0.0.0.0 --port 8000");
        assertThat(p.script()).startsWith("#!/bin/sh\n").contains("node_gpu_a() {", "node_gpu_b() {", "serve() {",
                "    gpu-b) node_gpu_b ;;", "    serve) serve ;;");
    }

    @Test
    void splitRulesFromTheModelAndTheNodes() throws Exception {
        assertThat(plan(LLAMA_70B, 141_000_000_000L, 3, 2, List.of(HEAD, WORKER)).problems())
                .anyMatch(s -> s.contains("does not divide the model's 64 attention heads"))
                .anyMatch(s -> s.contains("8 KV heads"));
        // fewer KV heads than TP is fine when TP divides by them (vLLM replicates KV heads)
        assertThat(plan(LLAMA_70B, 141_000_000_000L, 16, 1, List.of(new VllmMultiNodePlan.Node("big", "10.0.0.7", 16, 80 * GIB)))
                .problems()).isEmpty();
        assertThat(plan("{\"num_attention_heads\": 24, \"num_key_value_heads\": 6, \"num_hidden_layers\": 2}", 1_000_000_000L, 4, 1,
                List.of(HEAD)).problems()).containsExactly("tensor parallel 4 and the model's 6 KV heads: one must divide the other");
        assertThat(plan(LLAMA_70B, 141_000_000_000L, 8, 3, List.of(HEAD, WORKER)).problems())
                .containsExactly("pipeline parallel 3 needs 3 nodes, the plan has 2");
        assertThat(plan(LLAMA_70B, 141_000_000_000L, 16, 1, List.of(HEAD)).problems())
                .containsExactly("tensor parallel 16 exceeds the 8 GPUs of node gpu-a");
        assertThat(plan("{\"num_attention_heads\": 8, \"num_hidden_layers\": 1}", 1_000_000_000L, 1, 2, List.of(HEAD, WORKER)).problems())
                .containsExactly("pipeline parallel 2 exceeds the model's 1 layers");
        // 141 GB over 4 GPUs = 33 GiB each, inside 90 % of 80 GiB (72 GiB); on one GPU, 131 GiB is not
        assertThat(plan(LLAMA_70B, 141_000_000_000L, 4, 1, List.of(HEAD)).problems()).isEmpty();
        assertThat(plan(LLAMA_70B, 141_000_000_000L, 1, 1, List.of(HEAD)).problems())
                .singleElement().asString().contains("node gpu-a: 131.3 GiB of weights per GPU do not fit 72.0 GiB");
        assertThat(new VllmMultiNodePlan("m; rm -rf /", ModelShape.fromConfigJson(LLAMA_70B, 1), List.of(HEAD), 8, 1, 0.9, 6379, 8000)
                .problems()).anyMatch(s -> s.startsWith("model m; rm -rf /"));
    }

    @Test
    void configWithoutTheFieldsIsRefused() {
        assertThatThrownBy(() -> ModelShape.fromConfigJson("{\"num_attention_heads\": 64}", 1))
                .hasMessageContaining("num_hidden_layers");
        assertThatThrownBy(() -> ModelShape.fromConfigJson("{\"num_attention_heads\": 0, \"num_hidden_layers\": 2}", 1))
                .hasMessageContaining("num_attention_heads");
    }
}
