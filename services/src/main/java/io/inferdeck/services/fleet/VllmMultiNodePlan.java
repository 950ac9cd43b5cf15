package io.inferdeck.services.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A vLLM deployment across nodes with Ray as the runtime: tensor parallel within a node, pipeline parallel across
 * nodes (one pipeline stage per node, the first node is the Ray head and serves the API). Checks the split against
 * the model and the nodes, and renders what runs on each node, following vLLM's distributed-serving documentation:
 * {@code ray start --head --port P} on the head, {@code ray start --address HEAD:P} on each worker (each with
 * {@code VLLM_HOST_IP} set to its own address), then on the head {@code vllm serve MODEL --tensor-parallel-size TP
 * --pipeline-parallel-size PP --distributed-executor-backend ray}. Immutable.
 *
 * <p>The rules are vLLM's: the attention heads must divide by TP; KV heads divide by TP, or (fewer KV heads than TP)
 * TP divides by the KV heads, which vLLM then replicates; at least one layer per pipeline stage; plus TP at most the
 * GPUs of each node used and PP at most the nodes, and the weights' share per GPU ({@code weights / (TP x PP)}) must
 * leave room for the KV cache inside {@code gpuMemoryUtilization} of each GPU's memory.
 */
public record VllmMultiNodePlan(String model, ModelShape shape, List<Node> nodes, int tensorParallel, int pipelineParallel,
                                double gpuMemoryUtilization, int rayPort, int servePort) {
    private static final java.util.regex.Pattern SAFE = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final java.util.regex.Pattern SAFE_MODEL = java.util.regex.Pattern.compile("[A-Za-z0-9_.:/@+-]+");

    /** @param address the address the other nodes reach it by (Ray's and vLLM's) */
    public record Node(String name, String address, int gpus, long gpuMemoryBytes) {
    }

    /** What runs on one node, in order: shell command lines. */
    public record Step(String node, String role, List<String> commands) {
    }

    public VllmMultiNodePlan {
        nodes = List.copyOf(nodes);
    }

    /** Every reason this split cannot run; empty when it can. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        int tp = tensorParallel, pp = pipelineParallel;
        if (tp < 1 || pp < 1) {
            return List.of("tensor and pipeline parallel sizes must be at least 1");
        }
        for (Node n : nodes) {
            if (!SAFE.matcher(n.name()).matches() || !SAFE.matcher(n.address()).matches() || n.name().equals("serve")) {
                out.add("node " + n.name() + " / " + n.address() + ": names and addresses are letters, digits, '.', '-', '_', ':' ('serve' is taken)");
            }
        }
        if (!SAFE_MODEL.matcher(model).matches()) {
            out.add("model " + model + ": a Hugging Face id or a path without spaces or quotes");
        }
        if (shape.attentionHeads() % tp != 0) {
            out.add("tensor parallel " + tp + " does not divide the model's " + shape.attentionHeads() + " attention heads");
        }
        int kv = shape.kvHeads();
        if (kv >= tp ? kv % tp != 0 : tp % kv != 0) {
            out.add("tensor parallel " + tp + " and the model's " + kv + " KV heads: one must divide the other");
        }
        if (pp > shape.layers()) {
            out.add("pipeline parallel " + pp + " exceeds the model's " + shape.layers() + " layers");
        }
        if (pp > nodes.size()) {
            out.add("pipeline parallel " + pp + " needs " + pp + " nodes, the plan has " + nodes.size());
        }
        long perGpu = -Math.floorDiv(-shape.weightBytes(), (long) tp * pp);
        for (Node n : nodes.subList(0, Math.min(pp, nodes.size()))) {
            if (tp > n.gpus()) {
                out.add("tensor parallel " + tp + " exceeds the " + n.gpus() + " GPUs of node " + n.name());
            }
            long budget = (long) (n.gpuMemoryBytes() * gpuMemoryUtilization);
            if (perGpu >= budget) {
                out.add(String.format(Locale.ROOT, "node %s: %.1f GiB of weights per GPU do not fit %.1f GiB (%.0f %% of %.1f GiB) with room for the KV cache",
                        n.name(), gib(perGpu), gib(budget), gpuMemoryUtilization * 100, gib(n.gpuMemoryBytes())));
            }
        }
        return out;
    }

    /** In order: the head's Ray start, one worker per further pipeline stage, then {@code serve} on the head. */
    public List<Step> steps() {
        Node head = nodes.getFirst();
        List<Step> out = new ArrayList<>();
        out.add(new Step(head.name(), "head", List.of(
                "export VLLM_HOST_IP=" + head.address(),
                "ray start --head --node-ip-address=" + head.address() + " --port=" + rayPort)));
        for (Node w : nodes.subList(1, Math.min(pipelineParallel, nodes.size()))) {
            out.add(new Step(w.name(), "worker", List.of(
                    "export VLLM_HOST_IP=" + w.address(),
                    "ray start --address=" + head.address() + ":" + rayPort + " --node-ip-address=" + w.address())));
        }
        out.add(new Step(head.name(), "serve", List.of(
                "export VLLM_HOST_IP=" + head.address(),
                "vllm serve '" + model + "' --tensor-parallel-size " + tensorParallel + " --pipeline-parallel-size "
                        + pipelineParallel + " --distributed-executor-backend ray --gpu-memory-utilization "
                        + gpuMemoryUtilization + " --host 0.0.0.0 --port " + servePort)));
        return out;
    }

    /** A script with one function per node; the operator runs each on its node, workers before the head's serve. */
    public String script() {
        StringBuilder b = new StringBuilder("#!/bin/sh\n# vLLM across " + pipelineParallel + " node(s): TP " + tensorParallel
                + " x PP " + pipelineParallel + " (rendered by inferdeck fleet vllm-plan)\n"
                + "# Run 'sh THIS_FILE NODE' on each node, the head first; once all " + (long) tensorParallel * pipelineParallel
                + " GPUs have joined\n# the Ray cluster ('ray status'), run 'sh THIS_FILE serve' on the head.\nset -eu\n");
        for (Step s : steps()) {
            b.append("\n").append(fn(s)).append("() {   # ").append(s.role()).append(" on ").append(s.node()).append('\n');
            s.commands().forEach(c -> b.append("    ").append(c).append('\n'));
            b.append("}\n");
        }
        b.append("\ncase \"${1:-}\" in\n");
        for (Step s : steps()) {
            b.append("    ").append(s.role().equals("serve") ? "serve" : s.node()).append(") ").append(fn(s)).append(" ;;\n");
        }
        return b.append("    *) echo \"usage: $0 NODE\" >&2; exit 2 ;;\nesac\n").toString();
    }

    private static String fn(Step s) {
        return s.role().equals("serve") ? "serve" : "node_" + s.node().replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static double gib(long bytes) {
        return bytes / (double) (1L << 30);
    }
}
