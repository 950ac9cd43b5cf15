package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code quant-report} end to end on the tiny model: real runner processes, short speed windows. */
class QuantReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheTableAndWritesAllThreeExports() throws Exception {
        Path model = dir.resolve("tiny-f32.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.F32, model);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = InferDeckCli.create();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute("quant-report", "--model", model.toString(), "--variants", "F32,Q4_0", "--duration", "1s",
                "--warmup", "200ms", "--max-tokens", "8", "--sample-tokens", "48", "--json", dir.resolve("r.json").toString(),
                "--csv", dir.resolve("r.csv").toString(), "--markdown", dir.resolve("r.md").toString());
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("decode tok/s").contains("mean KL nats").containsPattern("(?m)^F32 .* 0 .* ref +16/16$")
                .containsPattern("(?m)^Q4_0 ");
        assertThat(err.toString()).contains("quant-report: quantize Q4_0").contains("quant-report: quality Q4_0");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("r.json").toFile());
        assertThat(json.get("sample_tokens").asInt()).isEqualTo(48);
        assertThat(json.at("/variants/1/variant").asText()).isEqualTo("Q4_0");
        assertThat(json.at("/variants/1/mean_kl_nats").asDouble()).isPositive();
        assertThat(json.at("/variants/1/decode_tokens_per_s").asDouble()).isPositive();
        assertThat(Files.readAllLines(dir.resolve("r.csv"))).hasSize(3);
        assertThat(Files.readString(dir.resolve("r.md"))).contains("| Q4_0 |");
        assertThat(Files.isRegularFile(dir.resolve("tiny-q4_0.gguf"))).isTrue();
    }

    @Test
    void unknownVariantIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cmd = InferDeckCli.create();
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute("quant-report", "--variants", "Q9_9")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown variant 'Q9_9'");
    }
}
