package io.inferdeck.app.cli;

import io.inferdeck.common.io.AtomicFiles;
import io.inferdeck.services.fleet.ModelShape;
import io.inferdeck.services.fleet.VllmMultiNodePlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code inferdeck fleet vllm-plan}: checks a tensor x pipeline parallel split of a model across nodes (vLLM + Ray)
 * and prints what runs on each node, or writes it as a script. Nothing is started: the operator runs it (or InferDeck
 * later attaches to the head's endpoint as a remote engine). Exit 2 when the split cannot run, with each reason.
 */
@Command(name = "vllm-plan", mixinStandardHelpOptions = true,
        description = {"Checks a multi-node vLLM split (TP within a node, PP across nodes, Ray) and prints the commands for the "
                + "head and each worker; --script writes them as one shell script. Starts nothing."})
public final class FleetVllmPlanCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "What 'vllm serve' gets: a Hugging Face id or a path on the nodes.")
    String model;

    @Option(names = "--model-config", required = true, description = "The model's config.json (attention heads, KV heads, layers).")
    Path config;

    @Option(names = "--weights-gib", required = true, description = "Size of the model's weights in GiB.")
    double weightsGib;

    @Option(names = "--node", required = true, description = "NAME=ADDRESS:GPUS:GPU_MEMORY_GIB, repeatable; the first is the head.")
    List<String> nodes;

    @Option(names = "--tp", defaultValue = "1", description = "Tensor parallel size (default: ${DEFAULT-VALUE}).")
    int tp;

    @Option(names = "--pp", defaultValue = "1", description = "Pipeline parallel size = nodes used (default: ${DEFAULT-VALUE}).")
    int pp;

    @Option(names = "--gpu-memory-utilization", defaultValue = "0.9", description = "vLLM's share of each GPU (default: ${DEFAULT-VALUE}).")
    double utilization;

    @Option(names = "--ray-port", defaultValue = "6379", description = "Ray head port (default: ${DEFAULT-VALUE}).")
    int rayPort;

    @Option(names = "--port", defaultValue = "8000", description = "The API port on the head (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--script", description = "Write the plan as a shell script here (one function per node).")
    Path script;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ModelShape shape;
        try {
            shape = ModelShape.fromConfigJson(Files.readString(config), Math.round(weightsGib * (1L << 30)));
        } catch (IOException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--model-config " + config + ": " + e.getMessage());
        }
        VllmMultiNodePlan plan = new VllmMultiNodePlan(model, shape, parse(nodes), tp, pp, utilization, rayPort, port);
        List<String> problems = plan.problems();
        if (!problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (script != null) {
            AtomicFiles.writeString(script, plan.script());
            out.println("wrote " + script);
        } else {
            for (VllmMultiNodePlan.Step s : plan.steps()) {
                out.println("# " + s.role() + " on " + s.node());
                s.commands().forEach(out::println);
            }
        }
        out.flush();
        return 0;
    }

    private List<VllmMultiNodePlan.Node> parse(List<String> specs) {
        List<VllmMultiNodePlan.Node> out = new ArrayList<>();
        for (String n : specs) {
            String[] nameRest = n.split("=", 2);
            String[] parts = nameRest.length == 2 ? nameRest[1].split(":") : new String[0];
            try {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("expected NAME=ADDRESS:GPUS:GPU_MEMORY_GIB");
                }
                out.add(new VllmMultiNodePlan.Node(nameRest[0], parts[0], Integer.parseInt(parts[1]),
                        Math.round(Double.parseDouble(parts[2]) * (1L << 30))));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--node " + n + ": " + e.getMessage());
            }
        }
        return out;
    }
}
