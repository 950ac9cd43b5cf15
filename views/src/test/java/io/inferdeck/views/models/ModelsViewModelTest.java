package io.inferdeck.views.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.services.bus.LiveBus;
import io.inferdeck.services.engine.Applied;
import io.inferdeck.services.engine.ApplyFailure;
import io.inferdeck.services.engine.EngineControl;
import io.inferdeck.services.engine.EngineSnapshot;
import io.inferdeck.services.models.DiscoveredModel;
import io.inferdeck.services.models.FileManager;
import io.inferdeck.services.models.ModelActions;
import io.inferdeck.services.models.ModelCatalog;
import io.inferdeck.services.models.ModelFolders;
import io.inferdeck.services.models.ModelStores;
import io.inferdeck.services.models.ScanLimits;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.ImmediateDispatcher;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsViewModelTest {
    @TempDir
    Path home;

    private final List<DeploymentProfile> applied = new ArrayList<>();
    private final List<CompletableFuture<Applied>> outcomes = new ArrayList<>();
    private final LiveBus bus = new LiveBus();
    private ModelsViewModel vm;
    private final DeploymentProfile defaults = DeploymentProfile.builder().name("default").port(43210).build();

    @BeforeEach
    void setUp() throws IOException {
        Path library = home.resolve("models");
        Files.createDirectories(library);
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, library.resolve("tiny-q8_0.gguf"));
        Files.writeString(library.resolve("broken.gguf"), "definitely not a GGUF file, just text of some length");
        ModelLibrary lib = new ModelLibrary(library);
        ModelFolders folders = ModelFolders.inMemory(List.of());
        ModelCatalog catalog = new ModelCatalog(ModelStores.standard(Map.of("HOME", home.toString()), lib, folders),
                ScanLimits.DEFAULT, folders, Runnable::run, bus.topic(ModelCatalog.SCANS));
        EngineControl engine = new EngineControl() {
            public CompletionStage<Applied> start() { return new CompletableFuture<>(); }
            public CompletionStage<Void> stop() { return new CompletableFuture<>(); }
            public CompletionStage<Applied> restart() { return new CompletableFuture<>(); }
            public CompletionStage<Applied> apply(DeploymentProfile p) {
                applied.add(p);
                outcomes.add(new CompletableFuture<>());
                return outcomes.getLast();
            }
            public void refreshProfiles() { }
        };
        vm = new ModelsViewModel(catalog, new ModelActions(lib, null, FileManager.NONE), engine, BackgroundExecutor.sameThread(),
                ImmediateDispatcher.create());
        bus.topic(ModelCatalog.SCANS).subscribe(vm::acceptScan);
        vm.refresh();
    }

    private DiscoveredModel row(String name) {
        return vm.rows().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private void engineRuns(DeploymentProfile running) {
        vm.acceptEngine(new EngineSnapshot("default", running, List.of(new EngineState.Stopped("idle")), List.of(), List.of(),
                List.of(new ProfileLibrary.Entry("default (embedded model)", null, defaults, null))));
    }

    @Test
    void listsWhatTheScanFoundAndFiltersIt() {
        assertThat(vm.rows()).extracting(DiscoveredModel::name).containsExactlyInAnyOrder("tiny-q8_0.gguf", "broken.gguf");
        assertThat(vm.storesProperty().get()).startsWith("Looked in: InferDeck 2 · Folder 0 · Ollama 0");

        vm.filterProperty().set("Q8_0");

        assertThat(vm.rows()).extracting(DiscoveredModel::name).containsExactly("tiny-q8_0.gguf");
    }

    @Test
    void runShowsTheChangeFirstAndAppliesOnlyOnceConfirmed() {
        engineRuns(defaults);
        vm.selectedProperty().set(row("tiny-q8_0.gguf"));

        vm.run();

        assertThat(applied).isEmpty();
        assertThat(vm.confirmingProperty().get()).isTrue();
        assertThat(vm.confirmTextProperty().get()).contains("name: default → tiny-q8_0").contains("model: default → ")
                .contains("ctx: 2048 → 1024");
        vm.confirmRun();
        assertThat(applied).singleElement().satisfies(p -> {
            assertThat(p.engine()).isEqualTo(EngineKind.BUILTIN);
            assertThat(p.model()).isEqualTo(home.resolve("models/tiny-q8_0.gguf").toString());
            assertThat(p.port()).isEqualTo(43210);
        });
        assertThat(vm.busyProperty().get()).isTrue();
        outcomes.getLast().complete(new Applied(applied.getLast(), URI.create("http://127.0.0.1:43210")));
        assertThat(vm.messageProperty().get()).isEqualTo("Running tiny-q8_0 — chat with it on the Playground.");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.confirmingProperty().get()).isFalse();
    }

    @Test
    void cancellingOrChoosingAnotherModelDropsTheConfirmationAndAFailedStartSaysWhy() {
        engineRuns(null);
        vm.selectedProperty().set(row("tiny-q8_0.gguf"));
        vm.run();
        assertThat(vm.confirmTextProperty().get()).startsWith("Nothing runs yet: applying starts this profile.\nname: tiny-q8_0\n")
                .contains("\nmodel: " + home.resolve("models/tiny-q8_0.gguf"), "\nctx: 1024", "\nport: 43210");
        vm.selectedProperty().set(row("broken.gguf"));
        assertThat(vm.confirmingProperty().get()).isFalse();

        vm.run();
        assertThat(vm.messageProperty().get()).startsWith("Cannot run broken.gguf: ").contains("not a GGUF file");
        assertThat(vm.confirmingProperty().get()).isFalse();

        vm.selectedProperty().set(row("tiny-q8_0.gguf"));
        vm.run();
        vm.confirmRun();
        outcomes.getLast().completeExceptionally(new ApplyFailure("could not start: port 43210 is in use"));
        assertThat(vm.messageProperty().get()).isEqualTo("Could not run tiny-q8_0: could not start: port 43210 is in use");
    }

    @Test
    void runWaitsForTheEnginesProfilesAndInspectShowsTheHeader() {
        vm.selectedProperty().set(row("tiny-q8_0.gguf"));
        vm.run();
        assertThat(vm.messageProperty().get()).contains("has not reported its profiles yet");
        assertThat(applied).isEmpty();

        vm.inspect();

        assertThat(vm.detailsProperty().get()).contains("architecture  llama").contains("quant         Q8_0");
        assertThat(vm.messageProperty().get()).isEqualTo("Inspected tiny-q8_0.gguf.");
        assertThat(vm.canReveal()).isFalse();
    }

    @Test
    void aRescanKeepsTheSelectedModel() throws IOException {
        vm.selectedProperty().set(row("tiny-q8_0.gguf"));
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, home.resolve("models/tiny-q4_0.gguf"));

        vm.refresh();

        assertThat(vm.rows()).hasSize(3);
        assertThat(vm.selectedProperty().get()).isSameAs(row("tiny-q8_0.gguf"));
    }
}
