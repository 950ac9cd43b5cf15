package io.inferdeck.views.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.control.supervisor.LogLevel;
import io.inferdeck.services.engine.Applied;
import io.inferdeck.services.engine.ApplyFailure;
import io.inferdeck.services.engine.EngineControl;
import io.inferdeck.services.engine.EngineSnapshot;
import io.inferdeck.views.fx.ImmediateDispatcher;
import java.nio.file.Path;
import io.inferdeck.views.shell.StatusLevel;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class EngineViewModelTest {
    private final List<String> commands = new ArrayList<>();
    /** The outcome of each apply, for the test to decide. */
    private final List<CompletableFuture<Applied>> outcomes = new ArrayList<>();
    private final Instant now = Instant.parse("2026-11-29T10:00:00Z");
    private final EngineViewModel vm = new EngineViewModel(new EngineControl() {
        public CompletionStage<Applied> start() { commands.add("start"); return new CompletableFuture<>(); }
        public CompletionStage<Void> stop() { commands.add("stop"); return new CompletableFuture<>(); }
        public CompletionStage<Applied> restart() { commands.add("restart"); return new CompletableFuture<>(); }
        public CompletionStage<Applied> apply(DeploymentProfile p) {
            commands.add("apply " + p.name() + " parallel=" + p.parallel());
            outcomes.add(new CompletableFuture<>());
            return outcomes.getLast();
        }
        public void refreshProfiles() { commands.add("refresh"); }
    }, ImmediateDispatcher.create(), () -> now);

    private static EngineSnapshot snap(List<String> log, EngineState... states) {
        return new EngineSnapshot("default", List.of(states), List.of("java -cp <cp> RunnerMain --port 1"), log);
    }

    @Test
    void readyEngineShowsOkWithUptime() {
        vm.accept(snap(List.of(), new EngineState.Ready(URI.create("http://127.0.0.1:1"), 42, now.minusSeconds(75))));
        assertThat(vm.stateTextProperty().get()).isEqualTo("Ready");
        assertThat(vm.levelProperty().get()).isEqualTo(StatusLevel.OK);
        assertThat(vm.runningProperty().get()).isTrue();
        assertThat(vm.replicasTextProperty().get()).contains("pid 42").contains("up 1m 15s");
        assertThat(vm.statusIndicator().text()).isEqualTo("Engine: Ready");
        assertThat(vm.commandTextProperty().get()).contains("--port 1");
    }

    @Test
    void readyEngineNamesTheGatewayAsTheAddressToUse() {
        DeploymentProfile p = DeploymentProfile.builder().name("wide").host("0.0.0.0").port(18080).apiKey("k".repeat(16)).build();
        vm.accept(new EngineSnapshot("wide", p, List.of(new EngineState.Ready(URI.create("http://127.0.0.1:40111"), 9, now)),
                List.of(), List.of(), List.of()));
        assertThat(vm.detailProperty().get()).isEqualTo("Serving at http://127.0.0.1:18080 (InferDeck gateway)");
        assertThat(vm.replicasTextProperty().get()).contains("http://127.0.0.1:40111");
    }

    @Test
    void readyOnCpuWithGpuLayersAskedIsAWarningNotAGreenReady() {
        DeploymentProfile p = DeploymentProfile.builder().name("gpu").port(18080).gpuLayers(99).build();
        String warning = "runs on CPU: no GPU backend in this engine build";
        EngineSnapshot s = new EngineSnapshot("gpu", p, List.of(new EngineState.Ready(URI.create("http://127.0.0.1:40111"), 9, now)),
                List.of(), List.of(), List.of(), java.util.Optional.of(warning));
        vm.accept(s);
        assertThat(vm.levelProperty().get()).isEqualTo(StatusLevel.WARN);
        assertThat(vm.stateTextProperty().get()).isEqualTo("Ready (on CPU)");
        assertThat(vm.detailProperty().get()).startsWith("Warning: " + warning).contains("Serving at http://127.0.0.1:18080");
        assertThat(EngineStatus.indicator(s)).isEqualTo(vm.statusIndicator());
    }

    @Test
    void crashedReplicaDominatesAndShowsExitCodeAndLogTail() {
        vm.accept(snap(List.of(), new EngineState.Ready(URI.create("http://127.0.0.1:1"), 1, now),
                new EngineState.Crashed(137, List.of("last words"), "restart in 500 ms")));
        assertThat(vm.stateTextProperty().get()).isEqualTo("Crashed (exit 137) (2 replicas)");
        assertThat(vm.levelProperty().get()).isEqualTo(StatusLevel.ERROR);
        assertThat(vm.detailProperty().get()).contains("Exit code 137").contains("restart in 500 ms").contains("last words");
    }

    @Test
    void theStatusBarReadsTheSnapshotAsThePageDoes() {
        EngineSnapshot s = snap(List.of(), new EngineState.Ready(URI.create("http://127.0.0.1:1"), 1, now),
                new EngineState.Starting(1, 2));
        vm.accept(s);
        assertThat(EngineStatus.indicator(s)).isEqualTo(vm.statusIndicator());
        assertThat(EngineStatus.indicator(s).text()).isEqualTo("Engine: Starting (2 replicas)");
    }

    @Test
    void givingUpIsAnErrorButAPlainStopIsIdle() {
        vm.accept(snap(List.of(), new EngineState.Stopped("gave up after 6 crashes within 120 s; last exit code 1")));
        assertThat(vm.levelProperty().get()).isEqualTo(StatusLevel.ERROR);
        assertThat(vm.runningProperty().get()).isFalse();
        vm.accept(snap(List.of(), new EngineState.Stopped("stopped by operator")));
        assertThat(vm.levelProperty().get()).isEqualTo(StatusLevel.IDLE);
    }

    @Test
    void logSearchKeepsMatchingLinesAcrossSnapshots() {
        vm.log().search("ERROR");
        vm.accept(snap(List.of("info: loading", "error: bad thing", "Error: other"), new EngineState.Starting(1, 7)));
        assertThat(logText()).isEqualTo("error: bad thing\nError: other");
        vm.log().search("");
        assertThat(logText()).contains("info: loading");
        assertThat(vm.levelProperty().get()).isEqualTo(StatusLevel.WARN);
    }

    @Test
    void levelFilterHidesLinesBelowItAndKeepsStackTracesWithTheirError() {
        vm.accept(snap(List.of("inferdeck-runner: listening on 127.0.0.1:1",
                "WARNING 11-29 10:00:00 cache type ignored",
                "inferdeck-runner: error: model load failed",
                "    at io.inferdeck.runner.LlamaEngine.load(LlamaEngine.java:42)",
                "[inferdeck] started pid 7"), new EngineState.Starting(1, 7)));
        vm.log().setMinLevel(LogLevel.ERROR);
        assertThat(logText()).isEqualTo(
                "inferdeck-runner: error: model load failed\n    at io.inferdeck.runner.LlamaEngine.load(LlamaEngine.java:42)");
        vm.log().setMinLevel(LogLevel.WARN);
        assertThat(logText()).startsWith("WARNING 11-29").doesNotContain("listening");
        assertThat(vm.log().countsProperty().get()).isEqualTo("3 of 5 lines · 2 errors · 1 warnings");
        vm.log().setMinLevel(LogLevel.DEBUG);
        assertThat(logText().lines()).hasSize(5);
    }

    @Test
    void pickerShowsTheDiffAgainstTheRunningProfileAndAppliesTheSelection() {
        DeploymentProfile running = DeploymentProfile.builder().name("default").model("/m/q4.gguf").port(18080).build();
        DeploymentProfile wide = running.toBuilder().name("wide").parallel(4).batch(1024).build();
        vm.accept(withProfiles(running, List.of(entry("default", running), entry("wide", wide))));
        assertThat(vm.profiles().selectedProperty().get().name()).isEqualTo("default");
        assertThat(vm.profiles().diffProperty().get()).isEqualTo("Same as the running profile.");

        vm.profiles().select(vm.profiles().choices().get(1));
        assertThat(vm.profiles().diffProperty().get()).contains("name: default → wide")
                .contains("batch: 512 → 1024").contains("parallel: 1 → 4");
        vm.profiles().apply();
        assertThat(commands).containsExactly("apply wide parallel=4");
        assertThat(vm.profiles().messageProperty().get()).contains("Applying wide (3 changes)");

        vm.accept(withProfiles(wide, List.of(entry("default", running), entry("wide", wide))));
        assertThat(vm.profiles().messageProperty().get()).as("not Ready yet").contains("Applying wide");
        vm.accept(new EngineSnapshot("wide", wide, List.of(new EngineState.Ready(URI.create("http://127.0.0.1:1"), 9, now)),
                List.of(), List.of(), List.of(entry("default", running), entry("wide", wide))));
        outcomes.getLast().complete(new Applied(wide, URI.create("http://127.0.0.1:1")));
        assertThat(vm.profiles().messageProperty().get()).isEqualTo("Applied wide: running.");
        assertThat(vm.profiles().selectedProperty().get().name()).as("selection survives new snapshots").isEqualTo("wide");
        assertThat(vm.profiles().diffProperty().get()).isEqualTo("Same as the running profile.");
    }

    /** The page says Applied only on the command's outcome, never on a snapshot (the service's ReadinessWatch decides). */
    @Test
    void reapplyingTheRunningProfileWaitsForTheRestartBeforeSayingApplied() {
        DeploymentProfile running = DeploymentProfile.builder().name("default").model("/m/q4.gguf").port(18080).build();
        EngineState.Ready ready = new EngineState.Ready(URI.create("http://127.0.0.1:1"), 9, now);
        List<ProfileLibrary.Entry> choices = List.of(entry("default", running));
        vm.accept(new EngineSnapshot("default", running, List.of(ready), List.of(), List.of(), choices));
        vm.profiles().apply();
        vm.accept(new EngineSnapshot("default", running, List.of(ready), List.of(), List.of(), choices));
        assertThat(vm.profiles().messageProperty().get()).as("the old engine's Ready").startsWith("Applying default");
        vm.accept(new EngineSnapshot("default", running, List.of(new EngineState.Starting(1, 10)), List.of(), List.of(), choices));
        vm.accept(new EngineSnapshot("default", running, List.of(ready), List.of(), List.of(), choices));
        outcomes.getLast().complete(new Applied(running, URI.create("http://127.0.0.1:1")));
        assertThat(vm.profiles().messageProperty().get()).isEqualTo("Applied default: running.");
    }

    @Test
    void aFailedApplySaysWhyAndAnOlderOutcomeNeverOverwritesANewerApply() {
        DeploymentProfile running = DeploymentProfile.builder().name("default").model("/m/q4.gguf").port(18080).build();
        DeploymentProfile wide = running.toBuilder().name("wide").parallel(4).build();
        vm.accept(withProfiles(running, List.of(entry("default", running), entry("wide", wide))));
        vm.profiles().apply();
        vm.profiles().select(vm.profiles().choices().get(1));
        vm.profiles().apply();
        outcomes.getFirst().completeExceptionally(new ApplyFailure("superseded by another apply"));
        assertThat(vm.profiles().messageProperty().get()).startsWith("Applying wide");
        outcomes.getLast().completeExceptionally(new ApplyFailure("the engine exited with code 1 before it was Ready"));
        assertThat(vm.profiles().messageProperty().get())
                .isEqualTo("Apply of wide failed: the engine exited with code 1 before it was Ready");
    }

    @Test
    void uptimeFollowsTheClockOnEachTick() {
        Instant[] clock = {now};
        EngineViewModel ticking = new EngineViewModel(new IdleControl(), ImmediateDispatcher.create(), () -> clock[0]);
        ticking.accept(snap(List.of(), new EngineState.Ready(URI.create("http://127.0.0.1:1"), 42, now)));
        assertThat(ticking.replicasTextProperty().get()).contains("up 0m 00s");
        clock[0] = now.plusSeconds(61);
        ticking.tick();
        assertThat(ticking.replicasTextProperty().get()).contains("up 1m 01s");
    }

    private static final class IdleControl implements EngineControl {
        public CompletionStage<Applied> start() { return new CompletableFuture<>(); }
        public CompletionStage<Void> stop() { return new CompletableFuture<>(); }
        public CompletionStage<Applied> restart() { return new CompletableFuture<>(); }
        public CompletionStage<Applied> apply(DeploymentProfile p) { return new CompletableFuture<>(); }
        public void refreshProfiles() { }
    }

    @Test
    void invalidOrUnreadableProfilesAreNeverApplied() {
        DeploymentProfile bad = DeploymentProfile.builder().name("bad").ctx(-5).build();
        vm.accept(withProfiles(null, List.of(entry("bad", bad),
                new ProfileLibrary.Entry("broken", Path.of("broken.json"), null, "line 3: unknown field \"bach\""))));
        vm.profiles().apply();
        assertThat(vm.profiles().messageProperty().get()).startsWith("Not applied").contains("ctx");
        vm.profiles().select(vm.profiles().choices().get(1));
        assertThat(vm.profiles().diffProperty().get()).contains("unknown field");
        vm.profiles().apply();
        assertThat(vm.profiles().messageProperty().get()).contains("Cannot apply broken");
        assertThat(commands).isEmpty();
    }

    private static ProfileLibrary.Entry entry(String name, DeploymentProfile p) {
        return new ProfileLibrary.Entry(name, Path.of(name + ".json"), p, null);
    }

    private static EngineSnapshot withProfiles(DeploymentProfile running, List<ProfileLibrary.Entry> choices) {
        return new EngineSnapshot("x", running, List.of(new EngineState.Stopped("idle")), List.of(), List.of(), choices);
    }

    @Test
    void commandsGoToTheControl() {
        vm.start();
        vm.restart();
        vm.stop();
        assertThat(commands).containsExactly("start", "restart", "stop");
    }

    /** The shown log lines as the page lists them, one per line. */
    private String logText() {
        return String.join("\n", vm.log().lines());
    }
}
