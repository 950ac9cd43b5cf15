package io.inferdeck.views.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.views.shell.StatusLevel;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineViewModelTest {
    private final List<String> commands = new ArrayList<>();
    private final Instant now = Instant.parse("2026-11-29T10:00:00Z");
    private final EngineViewModel vm = new EngineViewModel(new EngineControl() {
        public void start() { commands.add("start"); }
        public void stop() { commands.add("stop"); }
        public void restart() { commands.add("restart"); }
    }, () -> now);

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
    void crashedReplicaDominatesAndShowsExitCodeAndLogTail() {
        vm.accept(snap(List.of(), new EngineState.Ready(URI.create("http://127.0.0.1:1"), 1, now),
                new EngineState.Crashed(137, List.of("last words"), "restart in 500 ms")));
        assertThat(vm.stateTextProperty().get()).isEqualTo("Crashed (exit 137) (2 replicas)");
        assertThat(vm.levelProperty().get()).isEqualTo(StatusLevel.ERROR);
        assertThat(vm.detailProperty().get()).contains("Exit code 137").contains("restart in 500 ms").contains("last words");
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
    void logFilterKeepsMatchingLinesAcrossSnapshots() {
        vm.filterLog("ERROR");
        vm.accept(snap(List.of("info: loading", "error: bad thing", "Error: other"), new EngineState.Starting(1, 7)));
        assertThat(vm.logTextProperty().get()).isEqualTo("error: bad thing\nError: other");
        vm.filterLog("");
        assertThat(vm.logTextProperty().get()).contains("info: loading");
        assertThat(vm.levelProperty().get()).isEqualTo(StatusLevel.WARN);
    }

    @Test
    void commandsGoToTheControl() {
        vm.start();
        vm.restart();
        vm.stop();
        assertThat(commands).containsExactly("start", "restart", "stop");
    }
}
