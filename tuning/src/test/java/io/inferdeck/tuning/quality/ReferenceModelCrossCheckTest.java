package io.inferdeck.tuning.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.gguf.SpmVocabulary;
import io.inferdeck.runner.bench.RunnerProcess;
import io.inferdeck.runner.bench.StreamClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credibility of the quantization report rests on this: InferDeck's reference forward pass computes
 * the same model llama.cpp runs. On the F32 tiny model, the reference's greedy continuation of a prompt
 * must equal the tokens the real runner (llama.cpp through JNI) streams at temperature 0, token for token,
 * starting from the ids the runner's own /tokenize gives for the prompt.
 */
class ReferenceModelCrossCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = 16;

    @TempDir
    Path dir;

    @Test
    void greedyContinuationEqualsTheRunnersTemperatureZeroTokens() throws Exception {
        Path model = dir.resolve("tiny-f32.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.F32, model);
        ReferenceModel ref = ReferenceModel.load(model);
        List<String> vocab = SpmVocabulary.build(LlamaModelSpec.TINY.vocabSize()).tokens();
        try (RunnerProcess runner = RunnerProcess.start(List.of("--model", model.toString(), "--port", "0", "--ctx", "256",
                "--parallel", "1", "--threads", "1"), dir.resolve("runner.log"), Duration.ofSeconds(60))) {
            StreamClient client = new StreamClient(runner.base(), Optional.empty());
            for (String prompt : List.of("the river ran past the stone", "memory and latency of the engine")) {
                JsonNode tok = JSON.readTree(client.postJson("tokenize",
                        JSON.createObjectNode().put("content", prompt).put("add_special", true).toString()).body());
                int[] ids = new int[tok.get("tokens").size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = tok.get("tokens").get(i).asInt();
                }
                assertThat(ids[0]).isEqualTo(SpmVocabulary.BOS);
                List<String> referenceTokens = new ArrayList<>();
                for (int id : ref.greedy(ids, N)) {
                    referenceTokens.add(vocab.get(id).replace('\u2581', ' '));
                }
                assertThat(referenceTokens).as("greedy tokens after '%s'", prompt)
                        .containsExactlyElementsOf(streamedPieces(client, prompt));
            }
            runner.stop(Duration.ofSeconds(20));
        }
    }

    /** One SSE chunk per generated token; its text is the token's piece. */
    private static List<String> streamedPieces(StreamClient client, String prompt) throws Exception {
        String body = JSON.createObjectNode().put("prompt", prompt).put("max_tokens", N).put("temperature", 0)
                .put("ignore_eos", true).put("stream", true).toString();
        StreamClient.SseResponse s = client.stream("v1/completions", body);
        assertThat(s.status()).isEqualTo(200);
        List<String> pieces = new ArrayList<>();
        for (String e : s.events()) {
            JsonNode choice = e.equals("[DONE]") ? null : JSON.readTree(e).at("/choices/0");
            if (choice != null && choice.get("finish_reason").isNull()) {
                pieces.add(choice.get("text").asText());
            }
        }
        assertThat(pieces).hasSize(N);
        return pieces;
    }
}
