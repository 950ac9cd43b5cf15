package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.services.fleet.GrafanaDashboard;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fleet grafana-dashboard} writes the dashboard; {@code fleet vllm-plan} prints a valid split, exits 2 with the reasons otherwise. */
class FleetPlanAndGrafanaCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter(), err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cmd = new CommandLine(command);
        InferDeckCli.configure(cmd);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void grafanaDashboardGoesToTheFileAsked() throws Exception {
        assertThat(run(new FleetGrafanaCommand(), "--out", dir.resolve("fleet.json").toString())).as(err.toString()).isZero();
        assertThat(Files.readString(dir.resolve("fleet.json"))).isEqualTo(GrafanaDashboard.json());
    }

    @Test
    void vllmPlanPrintsEachNodesCommandsOrTheReasonsItCannotRun() throws Exception {
        Path config = Files.writeString(dir.resolve("config.json"),
                "{\"num_attention_heads\": 64, \"num_key_value_heads\": 8, \"num_hidden_layers\": 80}");
        String[] base = {"--model", "meta-llama/Meta-Llama-3-70B-Instruct", "--model-config", config.toString(), "--weights-gib", "131",
                "--node", "gpu-a=10.0.0.5:8:80", "--node", "gpu-b=10.0.0.6:8:80", "--pp", "2"};
        assertThat(run(new FleetVllmPlanCommand(), concat(base, "--tp", "8"))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("# head on gpu-a", "ray start --address=10.0.0.5:6379", "# serve on gpu-a",
                "--tensor-parallel-size 8 --pipeline-parallel-size 2 --distributed-executor-backend ray");
        assertThat(run(new FleetVllmPlanCommand(), concat(base, "--tp", "8", "--script", dir.resolve("plan.sh").toString()))).isZero();
        assertThat(Files.readString(dir.resolve("plan.sh"))).startsWith("#!/bin/sh").contains("serve) serve ;;");
        assertThat(run(new FleetVllmPlanCommand(), concat(base, "--tp", "6"))).isEqualTo(2);
        assertThat(err.toString()).contains("does not divide the model's 64 attention heads");
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
