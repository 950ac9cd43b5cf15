package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 17, point 7: every listed CLI mistake ends in exactly one line {@code inferdeck <cmd>: <what> — <what to do>}
 * on stderr and exit 2 (bad input) or 1 (failure at run time); no stack trace without {@code --debug}.
 * Commands run through {@link InferDeckCli#create()}, the command line {@code Main} runs.
 */
class CliErrorsTest {
    @TempDir
    Path dir;
    private String savedHome;
    private StringWriter out;
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
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cmd = InferDeckCli.create();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    /** The whole of stderr is one line matching {@code regex}. */
    private void assertOneLine(String regex) {
        assertThat(err.toString().lines().toList()).as(err.toString()).singleElement().asString().matches(regex);
    }

    private String file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    private static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void gpuExportWithABadOrTakenPort() throws Exception {
        assertThat(run("gpu", "export", "--port", "70000")).isEqualTo(2);
        assertOneLine("inferdeck gpu export: --port must be 0\\.\\.65535, got 70000 — .*");
        assertThat(run("gpu", "export", "--port", "http")).isEqualTo(2);
        assertOneLine("inferdeck gpu export: .*'http'.* — .*");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(run("gpu", "export", "--port", Integer.toString(taken.getLocalPort()))).isEqualTo(1);
            assertOneLine("inferdeck gpu export: cannot serve on 127\\.0\\.0\\.1:" + taken.getLocalPort()
                    + ": .* — pick another --port \\(0 = any free one\\)");
        }
    }

    @Test
    void upWithAMissingProfileFile() {
        assertThat(run("up", "--profile", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertOneLine("inferdeck up: .*missing\\.json: no such file — check the path");
    }

    @Test
    void upWithBadJsonNamesTheLineAndTheField() throws Exception {
        assertThat(run("up", "--profile", file("bad.json", "{\n  \"engine\": \"builtin\",\n  \"ctx\": \"big\"\n}"))).isEqualTo(2);
        assertOneLine("inferdeck up: .*bad\\.json: ctx: invalid value \\(line 3, column \\d+\\): .* — fix the profile .*");
        assertThat(run("up", "--profile", file("broken.json", "{\n  \"engine\": \"builtin\",\n  \"ctx\" 2048\n}"))).isEqualTo(2);
        assertOneLine("inferdeck up: .*broken\\.json: malformed file \\(line 3, column \\d+\\): .* — fix the profile .*");
    }

    @Test
    void upWithBadYamlNamesTheLineAndTheFieldToo() throws Exception {
        assertThat(run("up", "--profile", file("bad.yaml", "engine: builtin\nname: y\nctx: big\n"))).isEqualTo(2);
        assertOneLine("inferdeck up: .*bad\\.yaml: ctx: invalid value \\(line 3, column \\d+\\): .* — fix the profile .*");
        assertThat(run("up", "--profile", file("broken.yaml", "engine: builtin\nname: 'unclosed\nctx: 512\n"))).isEqualTo(2);
        assertOneLine("inferdeck up: .*broken\\.yaml: malformed file \\(line \\d+, column \\d+\\): .* — fix the profile .*");
    }

    @Test
    void upWithARemoteProfileWhoseBaseUrlIsNoUrl() throws Exception {
        assertThat(run("up", "--profile", file("far.json", "{\"engine\": \"remote\", \"name\": \"far\", \"baseUrl\": \"not a url\"}")))
                .isEqualTo(2);
        assertOneLine("inferdeck up: .*baseUrl.*");
    }

    @Test
    void quantizeToAnUnknownTypeIsRefusedWhileParsing() throws Exception {
        assertThat(run("quantize", file("in.gguf", "x"), dir.resolve("out.gguf").toString(), "--type", "Q4_K_X")).isEqualTo(2);
        assertOneLine("inferdeck quantize: invalid value for option '--type'.*unknown type 'Q4_K_X' \\(choose from .*Q4_K_M.*\\)"
                + " — .*");
        assertThat(dir.resolve("out.gguf")).doesNotExist();
    }

    @Test
    void upWithARemoteProfileWithoutBaseUrl() throws Exception {
        assertThat(run("up", "--profile", file("remote.json", "{\"engine\": \"remote\", \"name\": \"far\"}"))).isEqualTo(2);
        assertOneLine("inferdeck up: .*baseUrl.*required for a remote engine.*");
    }

    @Test
    void upWithALiveSafetyBlockNamingAnUnknownStageOrReviewMode() throws Exception {
        String profile = file("live.json", "{\"engine\": \"remote\", \"name\": \"far\", \"baseUrl\": \"http://127.0.0.1:1\","
                + " \"gateway\": {\"safety\": {\"stages\": [\"pii\", \"toxicity\"], \"review\": \"later\"}}}");
        assertThat(run("up", "--profile", profile)).isEqualTo(2);
        assertOneLine("\\Qinferdeck up: profile far: gateway.safety.review: 'later' is not one of forward, hold;"
                + " gateway.safety.stages[1]: unknown stage 'toxicity' (known: blocklist, classifier, normalize, pii)"
                + " — fix the profile (fields: docs/profiles.md)\\E");
    }

    @Test
    void upWithALlamaServerProfileWhoseBinaryIsMissing() throws Exception {
        // a valid model: the pre-start checks read it before the binary is looked for
        Path modelFile = dir.resolve("m.gguf");
        io.inferdeck.gguf.ModelGenerator.write(io.inferdeck.gguf.LlamaModelSpec.TINY, io.inferdeck.gguf.GgmlType.Q8_0, modelFile);
        String model = modelFile.toString();
        String profile = file("ls.json", "{\"engine\": \"llama-server\", \"name\": \"ls\", \"model\": \"" + model
                + "\", \"ctx\": 512, \"binary\": \"" + dir.resolve("no/llama-server") + "\"}");
        assertThat(run("up", "--profile", profile)).isEqualTo(1);
        assertOneLine("inferdeck up: llama-server binary .*no/llama-server \\(profile field 'binary'\\) does not exist"
                + " — install the engine or set 'binary' in the profile");
    }

    @Test
    void sweepRefusesARateLadderWithAZeroRateBeforeAnythingRuns() {
        assertThat(run("sweep", "--rates", "1,0")).isEqualTo(2);
        assertOneLine("inferdeck sweep: --max-duration must be >= --duration, --ci-width > 0 and every --rates value > 0.*");
    }

    @Test
    void sweepRefusesAnUnknownQuantTypeBeforeAnythingRuns() {
        assertThat(run("sweep", "--quant", "Q8_0,Q3_X")).isEqualTo(2);
        assertOneLine("inferdeck sweep: invalid value for option '--quant' .*unknown variant 'Q3_X' \\(choose from F32, .*\\)"
                + " — see 'inferdeck sweep --help'");
        assertThat(out.toString()).as("the table header comes before the first point").isEmpty();
    }

    @Test
    void aMalformedZipfPromptSetIsBadInput() {
        assertThat(run("bench", "--url", "http://127.0.0.1:1", "--concurrency", "1", "--prompts", "zipf:100", "--no-history"))
                .isEqualTo(2);
        assertOneLine("inferdeck bench: expected zipf:N:S or zipf:N:S:SEED, got 'zipf:100'.*");
    }

    @Test
    void invalidDurationsAreRefusedBeforeAnythingRunsInEveryCommandThatTakesOne() {
        List<String[]> cases = List.of(new String[] {"sweep", "--duration", "abc"}, new String[] {"sweep", "--warmup", "2x"},
                new String[] {"sweep", "--slo-e2e", "soon"}, new String[] {"bench", "--url", "http://127.0.0.1:1", "--rate", "1",
                        "--duration", "abc"}, new String[] {"bench", "--timeout", "later"},
                new String[] {"quant-report", "--duration", "abc"}, new String[] {"metrics", "--url", "http://127.0.0.1:1",
                        "--interval", "abc"}, new String[] {"gpus", "--watch", "abc"});
        List<String> seen = new ArrayList<>();
        for (String[] c : cases) {
            assertThat(run(c)).as(String.join(" ", c)).isEqualTo(2);
            assertOneLine("inferdeck " + c[0] + ": invalid value for option '--[a-z0-9-]+'.*'" + c[c.length - 1]
                    + "' is not a duration .* — see 'inferdeck " + c[0] + " --help'");
            assertThat(out.toString()).isEmpty();
            seen.add(c[0]);
        }
        assertThat(seen).contains("sweep", "bench", "quant-report", "metrics", "gpus");
    }

    @Test
    void safetyRunOnAFileWithoutValidCasesExitsTwo() throws Exception {
        assertThat(run("safety", "run", file("bad.jsonl", "not json\n{\"prompt\": \"hi\"}\n"))).isEqualTo(2);
        assertOneLine("inferdeck safety run: .*bad\\.jsonl has no valid cases \\(line 1: .*; 1 more\\) — each line needs .*");
    }

    @Test
    void safetyRunOnAMissingFileSaysWhatIsWrong() {
        assertThat(run("safety", "run", dir.resolve("nope.jsonl").toString())).isEqualTo(2);
        assertOneLine("inferdeck safety run: .*nope\\.jsonl: no such file — check the path");
    }

    @Test
    void metricsAgainstADeadPortSaysConnectionRefusedWithTheUrl() throws Exception {
        String url = "http://127.0.0.1:" + deadPort();
        assertThat(run("metrics", "--url", url, "--count", "1")).isEqualTo(1);
        assertOneLine("inferdeck metrics: cannot scrape \\Q" + url + "/metrics\\E: connection refused — is the engine running there\\? .*");
        assertThat(err.toString()).doesNotContain("ConnectException");
    }

    @Test
    void benchAgainstADeadPortStopsEarlyAndFails() throws Exception {
        String url = "http://127.0.0.1:" + deadPort();
        // Without the early stop this would run for the whole minute and then report a "result".
        assertThat(run("bench", "--url", url, "--concurrency", "4", "--duration", "60s", "--no-history", "--model", "m")).isEqualTo(1);
        assertOneLine("inferdeck bench: connection refused by \\Q" + url + "/v1/chat/completions\\E: 16 requests in a row could not"
                + " connect and none succeeded, so the run stopped — is the engine running there\\? .*");
        assertThat(out.toString()).as("no report of a run that measured nothing").isEmpty();
    }

    @Test
    void anUnknownFlagOnAnyCommandNamesTheFlagAndTheHelpHintOnly() {
        List<String> commands = new ArrayList<>();
        collect(InferDeckCli.create(), new ArrayList<>(), commands);
        assertThat(commands).contains("", "up", "sweep", "bench", "safety run", "history list", "model inspect");
        for (String c : commands) {
            List<String> args = new ArrayList<>(c.isEmpty() ? List.of() : List.of(c.split(" ")));
            args.add("--zzz-bogus");
            assertThat(run(args.toArray(String[]::new))).as(c).isEqualTo(2);
            if (c.equals("runner")) {
                continue;   // its flags go through to RunnerMain, which owns them and prints its own one-line usage error
            }
            String name = ("inferdeck " + c).strip();
            assertOneLine("\\Q" + name + ": unknown option '--zzz-bogus' — see '" + name + " --help'\\E");
        }
    }

    private static void collect(CommandLine cmd, List<String> path, List<String> into) {
        into.add(String.join(" ", path));
        cmd.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) {   // aliases would repeat a command
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, into);
            }
        });
    }

    @Test
    void debugAddsTheStackTrace() {
        String missing = dir.resolve("missing.json").toString();
        assertThat(run("up", "--profile", missing, "--debug")).isEqualTo(2);
        assertThat(err.toString().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith("inferdeck up: "));
        assertThat(err.toString()).contains("java.nio.file.NoSuchFileException").contains("\tat ");
        assertThat(run("--debug", "up", "--profile", missing)).isEqualTo(2);
        assertThat(err.toString()).contains("\tat ");
    }
}
