package io.inferdeck.tuning.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileFiles;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.runner.bench.RunnerProcess;
import io.inferdeck.runner.bench.StreamClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every profile in docs/examples must serve {@code bench}'s default prompt mix (issue 21, failure 9:
 * builtin-2-replicas.json gave ~25 % HTTP 400): every slot (ctx/parallel tokens) holds the mix's longest prompt,
 * as the runner counts it after its chat template (usage.prompt_tokens), plus bench's default max_tokens. The
 * tokens come from a runner on a small model with the default model's vocabulary (the tokenizer depends on the
 * vocabulary only), measured once for all examples.
 */
class ExampleProfileFitsBenchMixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/examples");
    private static final BenchPlan DEFAULTS = BenchPlan.builder("http://127.0.0.1:1", new LoadShape.ClosedLoop(1)).build();

    @TempDir
    static Path dir;
    private static int longest;

    @BeforeAll
    static void measureTheLongestDefaultPrompt() throws Exception {
        LlamaModelSpec d = LlamaModelSpec.DEFAULT;
        LlamaModelSpec sameVocab = new LlamaModelSpec("vocab", "default vocabulary, tiny body", d.vocabSize(), 64, 1, 4, 4,
                128, d.contextLength(), d.seed());
        Path model = dir.resolve("vocab.gguf");
        ModelGenerator.write(sameVocab, GgmlType.Q8_0, model);
        try (RunnerProcess runner = RunnerProcess.start(List.of("--model", model.toString(), "--port", "0", "--ctx",
                Integer.toString(d.contextLength()), "--parallel", "1", "--threads", "1"), dir.resolve("runner.log"),
                Duration.ofSeconds(60))) {
            StreamClient client = new StreamClient(runner.base(), Optional.empty());
            for (Prompt prompt : DEFAULTS.prompts().prompts()) {
                String body = JSON.writeValueAsString(java.util.Map.of("messages", prompt.messages(), "max_tokens", 1));
                var response = client.postJson("v1/chat/completions", body);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode usage = JSON.readTree(response.body()).get("usage");
                longest = Math.max(longest, usage.get("prompt_tokens").asInt());
            }
            runner.stop(Duration.ofSeconds(20));
        }
        assertThat(longest).as("the mix has a long prompt").isGreaterThan(1024);
    }

    static Stream<Path> examples() throws Exception {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            List<Path> all = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
            assertThat(all).as("profiles in %s", EXAMPLES).isNotEmpty().anyMatch(f -> f.endsWith("builtin-2-replicas.json"));
            return all.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everySlotHoldsTheLongestDefaultPromptPlusDefaultMaxTokens(Path example) throws Exception {
        DeploymentProfile p = ProfileFiles.load(example);
        assertThat(p.ctx() / p.parallel()).as("tokens per slot of %s", example.getFileName())
                .isGreaterThanOrEqualTo(longest + DEFAULTS.maxTokens());
        assertThat(p.ctx() / p.parallel()).as("within the default model's trained context")
                .isLessThanOrEqualTo(LlamaModelSpec.DEFAULT.contextLength());
    }
}
