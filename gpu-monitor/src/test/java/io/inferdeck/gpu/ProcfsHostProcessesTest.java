package io.inferdeck.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A /proc laid out in a temporary directory: argument joining, the comm fallback, the cut, gone pids. */
class ProcfsHostProcessesTest {

    @TempDir
    Path proc;

    private Path pid(long pid, String cmdline, String comm) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("cmdline"), cmdline);
        Files.writeString(dir.resolve("comm"), comm);
        return dir;
    }

    @Test
    void joinsArgumentsAndNamesTheOwner() throws IOException {
        Path dir = pid(7, "python3\0-m\0vllm.entrypoints.openai.api_server\0", "python3\n");
        HostProcesses.Details d = new ProcfsHostProcesses(proc).describe(7).orElseThrow();
        assertThat(d.command()).isEqualTo("python3 -m vllm.entrypoints.openai.api_server");
        assertThat(d.user()).isEqualTo(Files.getOwner(dir).getName());
    }

    @Test
    void emptyCommandLineFallsBackToTheBracketedName() throws IOException {
        pid(8, "", "kworker/0:1\n");
        assertThat(new ProcfsHostProcesses(proc).describe(8).orElseThrow().command()).isEqualTo("[kworker/0:1]");
    }

    @Test
    void longCommandLinesAreCut() throws IOException {
        pid(9, "x".repeat(2000), "x\n");
        String command = new ProcfsHostProcesses(proc).describe(9).orElseThrow().command();
        assertThat(command).hasSize(ProcfsHostProcesses.MAX_COMMAND).endsWith("…");
    }

    @Test
    void unknownPidIsEmpty() {
        assertThat(new ProcfsHostProcesses(proc).describe(10)).isEmpty();
    }
}
