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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/examples/builtin-2-replicas.json must serve {@code bench}'s default prompt mix: every slot
 * (ctx/parallel tokens) holds the mix's longest prompt, as the runner counts it after its chat template
 * (usage.prompt_tokens), plus bench's default max_tokens. The tokens come from a runner on a small model with
 * the default model's vocabulary (the tokenizer depends on the vocabulary only).
 */
class ExampleProfileFitsBenchMixTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everySlotHoldsTheLongestDefaultPromptPlusDefaultMaxTokens() throws Exception {
        Path example = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/examples/builtin-2-replicas.json");
        DeploymentProfile p = ProfileFiles.load(example);
        BenchPlan defaults = BenchPlan.builder("http://127.0.0.1:1", new LoadShape.ClosedLoop(1)).build();
        LlamaModelSpec d = LlamaModelSpec.DEFAULT;
        LlamaModelSpec sameVocab = new LlamaModelSpec("vocab", "default vocabulary, tiny body", d.vocabSize(), 64, 1, 4, 4,
                128, d.contextLength(), d.seed());
        Path model = dir.resolve("vocab.gguf");
        ModelGenerator.write(sameVocab, GgmlType.Q8_0, model);
        int longest = 0;
        try (RunnerProcess runner = RunnerProcess.start(List.of("--model", model.toString(), "--port", "0", "--ctx",
                Integer.toString(d.contextLength()), "--parallel", "1", "--threads", "1"), dir.resolve("runner.log"),
                Duration.ofSeconds(60))) {
            StreamClient client = new StreamClient(runner.base(), Optional.empty());
            for (Prompt prompt : defaults.prompts().prompts()) {
                String body = JSON.writeValueAsString(java.util.Map.of("messages", prompt.messages(), "max_tokens", 1));
                var response = client.postJson("v1/chat/completions", body);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode usage = JSON.readTree(response.body()).get("usage");
                longest = Math.max(longest, usage.get("prompt_tokens").asInt());
            }
            runner.stop(Duration.ofSeconds(20));
        }
        assertThat(longest).as("the mix has a long prompt").isGreaterThan(1024);
        assertThat(p.ctx() / p.parallel()).as("tokens per slot of %s", example.getFileName())
                .isGreaterThanOrEqualTo(longest + defaults.maxTokens());
        assertThat(p.ctx() / p.parallel()).as("within the default model's trained context").isLessThanOrEqualTo(d.contextLength());
        assertThat(Files.exists(example)).isTrue();
    }
}
