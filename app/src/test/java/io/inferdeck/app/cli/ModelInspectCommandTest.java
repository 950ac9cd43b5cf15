package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufEdit;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.GgufValue;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 21, failure 2: a file that crashed the engine natively passed `model inspect`; now inspect refuses it. */
class ModelInspectCommandTest {
    @TempDir
    Path dir;

    @Test
    void aCrashClassFileFailsInspectInOneLine() throws Exception {
        Path good = dir.resolve("tiny.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, good);
        Path bad = dir.resolve("zero-blocks.gguf");
        new GgufEdit(GgufReader.read(good)).put("llama.block_count", GgufValue.u32(0)).writeTo(bad);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = InferDeckCli.create();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute("model", "inspect", good.toString())).isZero();
        assertThat(cmd.execute("model", "inspect", bad.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("inferdeck model inspect: invalid model: ").contains("'llama.block_count' is 0");
    }
}
