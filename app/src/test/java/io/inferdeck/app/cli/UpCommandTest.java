package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 21, failure 4: `up` never failed. Now bad profiles are refused before anything starts (one line,
 * exit 2) and an engine that exits before it was ever Ready ends `up` with its error line (exit 1).
 */
class UpCommandTest {
    @TempDir
    Path dir;
    private String savedHome;
    private StringWriter err;

    @BeforeEach
    void pointHomeAtTemp() {
        savedHome = System.getProperty("user.home");
        System.setProperty("user.home", dir.toString());
    }

    @AfterEach
    void restoreHome() {
        System.setProperty("user.home", savedHome);
    }

    private int run(String... args) {
        err = new StringWriter();
        CommandLine cmd = InferDeckCli.create();
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private String oneLine() {
        assertThat(err.toString().lines().toList()).as(err.toString()).hasSize(1);
        return err.toString().strip();
    }

    private String profile(String name, String model, String extra) throws Exception {
        return Files.writeString(dir.resolve(name), "{\"engine\": \"builtin\", \"name\": \"t\", \"model\": \"" + model
                + "\", \"ctx\": 256" + extra + "}").toString();
    }

    private String tinyModel() throws Exception {
        Path model = dir.resolve("tiny.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, model);
        return model.toString();
    }

    @Test
    void badPortsReplicasModelsAndProfileFilesAreOneLineErrors() throws Exception {
        String model = tinyModel();
        assertThat(run("up", "--profile", profile("neg.json", model, ", \"port\": -1"))).isEqualTo(2);
        assertThat(oneLine()).contains("port: must be 1..65535");
        assertThat(run("up", "--profile", profile("big.json", model, ", \"port\": 65536"))).isEqualTo(2);
        assertThat(oneLine()).contains("port: must be 1..65535");
        assertThat(run("up", "--profile", profile("many.json", model, ", \"replicas\": 10000"))).isEqualTo(2);
        assertThat(oneLine()).contains("replicas: 10000 is more than this machine's");
        assertThat(run("up", "--profile", profile("dir.json", dir.toString(), ""))).isEqualTo(2);
        assertThat(oneLine()).contains("is not a regular file");
        assertThat(run("up", "--profile", profile("host.json", model, ", \"extraArgs\": [\"--host\", \"0.0.0.0\"]"))).isEqualTo(2);
        assertThat(oneLine()).contains("extraArgs[0]: --host is set by InferDeck");
        Path zero = Files.createSymbolicLink(dir.resolve("zero.json"), Path.of("/dev/zero"));
        assertThat(run("up", "--profile", zero.toString())).isEqualTo(2);
        assertThat(oneLine()).contains("not a regular file");
    }

    @Test
    void modelsContextFifoAndShortKeysAreRefusedBeforeAnythingStarts() throws Exception {
        String model = tinyModel();
        assertThat(run("up", "--profile", profile("missing.json", dir.resolve("none.gguf").toString(), ""))).isEqualTo(2);
        assertThat(oneLine()).contains("model").contains("no such file");
        Path corrupt = Files.write(dir.resolve("corrupt.gguf"), new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0, 1});
        assertThat(run("up", "--profile", profile("corrupt.json", corrupt.toString(), ""))).isEqualTo(2);
        assertThat(oneLine()).contains("not a valid GGUF model");
        int trained = LlamaModelSpec.TINY.contextLength();
        assertThat(run("up", "--profile", Files.writeString(dir.resolve("ctx.json"), "{\"engine\": \"builtin\", \"name\": \"t\", "
                + "\"model\": \"" + model + "\", \"ctx\": " + trained * 4 + "}").toString())).isEqualTo(2);
        assertThat(oneLine()).contains("ctx").contains("trained context of " + trained);
        assertThat(run("up", "--profile", profile("key.json", model, ", \"host\": \"0.0.0.0\", \"apiKey\": \"x\""))).isEqualTo(2);
        assertThat(oneLine()).contains("apiKey").contains("shorter than 16 characters").doesNotContain("\"x\"");
        Path fifo = dir.resolve("fifo.json");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThat(run("up", "--profile", fifo.toString())).isEqualTo(2);   // a FIFO without a writer used to hang
        assertThat(oneLine()).contains("not a regular file");
    }

    @Test
    void anEngineThatExitsBeforeReadyEndsUpWithItsErrorLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String p = profile("badflag.json", tinyModel(), ", \"port\": " + port + ", \"extraArgs\": [\"--no-such-flag\"]");
        assertThat(run("up", "--profile", p)).isEqualTo(1);
        assertThat(oneLine()).contains("startup failure (exit code").contains("--no-such-flag");
    }
}
