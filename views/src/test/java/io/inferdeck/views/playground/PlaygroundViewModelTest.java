package io.inferdeck.views.playground;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.chat.ChatClient;
import io.inferdeck.control.chat.ReplyStats;
import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.runner.bench.RunnerProcess;
import io.inferdeck.services.conversation.ConversationStore;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The view-model against a real runner process (TINY model), with a same-thread executor and a dispatcher
 * that drains at once: every step of a stream runs on the test thread, deterministically.
 */
class PlaygroundViewModelTest {
    @TempDir
    static Path dir;
    static Path model;
    static RunnerProcess runner;
    final EngineTarget target = new EngineTarget();
    final FxDispatcher dispatcher = new FxDispatcher(Runnable::run, System::nanoTime, (t, d) -> t.run(), Duration.ZERO);
    int starts;
    PlaygroundViewModel vm;

    @BeforeAll
    static void start() throws Exception {
        model = dir.resolve("tiny-q4_0.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, model);
        runner = startRunner("stderr.log");
    }

    static RunnerProcess startRunner(String log) throws Exception {
        return RunnerProcess.start(List.of("--model", model.toString(), "--port", "0", "--ctx", "65536",
                "--parallel", "1", "--threads", "1"), dir.resolve(log), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        runner.close();
    }

    @BeforeEach
    void setUp() {
        vm = new PlaygroundViewModel("pg", new ChatClient(System::nanoTime), target, new ConversationStore(),
                BackgroundExecutor.sameThread(), dispatcher, () -> starts++);
        vm.sampling().seedProperty().set("11");
    }

    @Test
    void streamingFillsTheReplyIncrementallyWithPlausibleFigures() {
        target.set(new EngineEndpoint(runner.base(), null, "builtin"));
        assertThat(vm.modelProperty().get()).isPresent();
        assertThat(vm.randomWeightsNoteProperty().get()).contains("meaningless");
        vm.sampling().maxTokensProperty().set(24);
        vm.inputProperty().set("hello there");
        assertThat(vm.requestJsonProperty().get()).contains("hello there", "You are a helpful assistant.", "\"max_tokens\" : 24");

        int[] appends = {0};
        vm.turns().addListener((ListChangeListener<Turn>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(t -> t.chunks().addListener((ListChangeListener<String>) x -> appends[0]++));
            }
        });
        vm.send();

        assertThat(vm.turns()).hasSize(2);
        Turn reply = vm.turns().get(1);
        assertThat(vm.turns().getFirst().text()).isEqualTo("hello there");
        assertThat(vm.inputProperty().get()).isEmpty();
        assertThat(reply.stateProperty().get()).isEqualTo(Turn.State.DONE);
        assertThat(appends[0]).as("appends as tokens arrived").isGreaterThan(1);
        assertThat(reply.text()).isEqualTo(String.join("", reply.chunks()));
        ReplyStats s = reply.replyStats();
        assertThat(s.ttftNanos()).isPositive().isLessThanOrEqualTo(s.e2eNanos());
        assertThat(s.completionTokens()).isEqualTo(s.events()).isBetween(1, 24);
        assertThat(reply.statsProperty().get()).startsWith("TTFT ").contains(" → " + s.completionTokens() + " tokens")
                .endsWith("tiny-q4_0 · Q4_0");
        assertThat(vm.streamingProperty().get()).isFalse();

        vm.regenerate();
        assertThat(vm.turns()).hasSize(2);
        assertThat(vm.turns().getFirst().text()).isEqualTo("hello there");
        assertThat(vm.requestJsonProperty().get()).contains("\"role\" : \"assistant\"");
        vm.clear();
        assertThat(vm.turns()).isEmpty();
    }

    @Test
    void stopCancelsOnTheServer() throws Exception {
        target.set(new EngineEndpoint(runner.base(), null, "builtin"));
        vm.sampling().maxTokensProperty().set(30_000);
        double before = cancelled(runner);
        vm.turns().addListener((ListChangeListener<Turn>) c -> {
            while (c.next()) {
                for (Turn t : c.getAddedSubList()) {
                    t.chunks().addListener((ListChangeListener<String>) x -> {
                        if (t.chunks().size() == 3) {
                            vm.stop();
                        }
                    });
                }
            }
        });
        vm.inputProperty().set("go on forever");
        vm.send();
        Turn reply = vm.turns().get(1);
        assertThat(reply.stateProperty().get()).isEqualTo(Turn.State.STOPPED);
        assertThat(reply.noteProperty().get()).startsWith("Stopped");
        assertThat(reply.chunks()).hasSize(3);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (cancelled(runner) <= before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(cancelled(runner)).isEqualTo(before + 1);
    }

    @Test
    void engineDyingMidStreamKeepsThePartialReplyMarked() throws Exception {
        RunnerProcess doomed = startRunner("doomed.log");
        try {
            target.set(new EngineEndpoint(doomed.base(), null, "doomed"));
            vm.sampling().maxTokensProperty().set(30_000);
            vm.turns().addListener((ListChangeListener<Turn>) c -> {
                while (c.next()) {
                    for (Turn t : c.getAddedSubList()) {
                        t.chunks().addListener((ListChangeListener<String>) x -> {
                            if (t.chunks().size() == 3) {
                                doomed.process().destroyForcibly();
                            }
                        });
                    }
                }
            });
            vm.inputProperty().set("keep talking");
            vm.send();
            Turn reply = vm.turns().get(1);
            assertThat(reply.stateProperty().get()).isEqualTo(Turn.State.FAILED);
            assertThat(reply.text()).isNotEmpty();
            assertThat(reply.noteProperty().get()).contains("mid-stream").contains("partial reply kept");
            assertThat(vm.messageProperty().get()).isEqualTo(reply.noteProperty().get());
        } finally {
            doomed.close();
        }
    }

    @Test
    void noEngineAndInvalidValuesAreRefusedBeforeSending() {
        assertThat(vm.engineProperty().get()).isEmpty();
        vm.inputProperty().set("hello");
        vm.send();
        assertThat(vm.turns()).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo("No engine is running. Start one to chat.");
        vm.startEngine();
        assertThat(starts).isEqualTo(1);

        target.set(new EngineEndpoint(runner.base(), "k3y", "builtin"));
        vm.sampling().temperatureProperty().set(2.5);
        vm.sampling().seedProperty().set("abc");
        assertThat(vm.errorsProperty().get()).anyMatch(e -> e.startsWith("temperature")).anyMatch(e -> e.startsWith("seed"));
        vm.send();
        assertThat(vm.turns()).isEmpty();
        assertThat(vm.messageProperty().get()).startsWith("Not sent: temperature: must be 0–2");
        assertThat(vm.inputProperty().get()).isEqualTo("hello");
        assertThat(vm.curlProperty().get()).contains("$INFERDECK_API_KEY").doesNotContain("k3y");

        vm.sampling().preset(SamplingForm.CREATIVE);
        assertThat(vm.requestJsonProperty().get()).contains("\"temperature\" : 0.9");
    }

    @Test
    void conversationsSaveLoadAndExport() throws Exception {
        target.set(new EngineEndpoint(runner.base(), null, "builtin"));
        vm.sampling().maxTokensProperty().set(6);
        vm.systemPromptProperty().set("Be terse.");
        vm.inputProperty().set("first");
        vm.send();
        Path json = dir.resolve("conv/chat.json");
        vm.saveTo(json, false);
        assertThat(vm.messageProperty().get()).isEqualTo("Saved chat.json");
        try (var files = Files.list(json.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("chat.json");
        }
        Path md = dir.resolve("conv/chat.md");
        vm.saveTo(md, true);
        assertThat(Files.readString(md)).contains("**System:** Be terse.", "### User\n\nfirst", "### Assistant", "_TTFT ");

        String reply = vm.turns().get(1).text();
        vm.clear();
        vm.systemPromptProperty().set("other");
        vm.loadFrom(json);
        assertThat(vm.systemPromptProperty().get()).isEqualTo("Be terse.");
        assertThat(vm.turns()).extracting(Turn::text).containsExactly("first", reply);
        assertThat(vm.sampling().maxTokensProperty().get()).isEqualTo(6);
        assertThat(vm.turns().get(1).statsProperty().get()).startsWith("TTFT ");

        Path bad = dir.resolve("conv/bad.json");
        Files.writeString(bad, "{\"messages\": [");
        vm.loadFrom(bad);
        assertThat(vm.messageProperty().get()).startsWith("Could not load bad.json: bad.json is not valid JSON");
        assertThat(vm.turns()).hasSize(2);
    }

    static double cancelled(RunnerProcess r) throws Exception {
        HttpResponse<String> m = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                r.base().toString().replaceAll("/$", "") + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher x = Pattern.compile("(?m)^inferdeck_requests_total\\{outcome=\"cancelled\"} (\\S+)$").matcher(m.body());
        assertThat(x.find()).isTrue();
        return Double.parseDouble(x.group(1));
    }
}
