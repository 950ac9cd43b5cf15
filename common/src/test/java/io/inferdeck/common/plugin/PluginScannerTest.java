package io.inferdeck.common.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.common.plugin.PluginEntry.State;
import io.inferdeck.common.plugin.fixtures.EchoEngine;
import io.inferdeck.common.plugin.fixtures.EchoStage;
import io.inferdeck.common.plugin.fixtures.FutureStage;
import io.inferdeck.common.plugin.fixtures.InternalStage;
import io.inferdeck.common.plugin.fixtures.OtherEchoStage;
import io.inferdeck.common.plugin.fixtures.ThrowingStage;
import io.inferdeck.plugin.api.engine.EngineDriverPlugin;
import io.inferdeck.plugin.api.safety.FilterStagePlugin;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginScannerTest {
    private static final ClassLoader APP = PluginScannerTest.class.getClassLoader();

    @TempDir
    Path dir;

    private Path folder() {
        return dir.resolve("plugins");
    }

    private Path echoJar(String file, String title) throws Exception {
        return TestPluginJars.write(folder().resolve(file), title, "1.2.0",
                Map.of(FilterStagePlugin.class, List.of(EchoStage.class), EngineDriverPlugin.class, List.of(EchoEngine.class)),
                List.of(EchoStage.class, EchoEngine.class));
    }

    private PluginScan scan(Set<String> disabled) {
        return new PluginScanner(APP, folder(), disabled).scan();
    }

    @Test
    void loadsEachJarInItsOwnLoaderThatShowsOnlyTheApi() throws Exception {
        Path jar = echoJar("echo.jar", "echo-plugin");
        PluginScan scan = scan(Set.of());

        assertThat(scan.entries()).containsExactly(
                new PluginEntry("echo-plugin", Optional.of("1.2.0"), "engine", "echo-engine", jar.toString(), State.ENABLED, Optional.empty()),
                new PluginEntry("echo-plugin", Optional.of("1.2.0"), "filter stage", "echo", jar.toString(), State.ENABLED, Optional.empty()));
        FilterStagePlugin stage = scan.enabled(FilterStagePlugin.class).getFirst().extension();
        assertThat(stage.getClass()).isNotSameAs(EchoStage.class);   // the jar's copy, not the test's
        assertThat(stage.getClass().getClassLoader()).isInstanceOf(URLClassLoader.class);
        assertThat(stage.getClass().getClassLoader().getName()).isEqualTo("plugin:echo-plugin");
        assertThat(scan.enabled(EngineDriverPlugin.class)).singleElement()
                .satisfies(p -> assertThat(p.extension().id()).isEqualTo("echo-engine"));
    }

    @Test
    void aBrokenJarOrProviderIsRefusedWithOneLineAndTheOthersStillLoad() throws Exception {
        Files.createDirectories(folder());
        Files.writeString(folder().resolve("a-broken.jar"), "not a zip");
        TestPluginJars.write(folder().resolve("b-mixed.jar"), "mixed", null,
                Map.of(FilterStagePlugin.class, List.of(ThrowingStage.class, FutureStage.class, InternalStage.class, EchoStage.class)),
                List.of(EchoStage.class, ThrowingStage.class, FutureStage.class, InternalStage.class));
        TestPluginJars.write(folder().resolve("c-empty.jar"), null, null, Map.of(), List.of(EchoStage.class));
        echoJar("d-echo.jar", "echo-plugin");

        List<PluginEntry> entries = scan(Set.of()).entries();

        assertThat(entries).extracting(PluginEntry::plugin, PluginEntry::provides, PluginEntry::stateText).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a-broken", "-", "refused: not a readable jar: ZipException: zip END header not found"),
                org.assertj.core.groups.Tuple.tuple("mixed", ThrowingStage.class.getName(), "refused: " + FilterStagePlugin.class.getName()
                        + ": Provider " + ThrowingStage.class.getName() + " could not be instantiated (IllegalStateException: rules file missing)"),
                org.assertj.core.groups.Tuple.tuple("mixed", FutureStage.class.getName(), "refused: built for plugin API 99; this InferDeck supports 1"),
                org.assertj.core.groups.Tuple.tuple("mixed", InternalStage.class.getName(), "refused: " + FilterStagePlugin.class.getName()
                        + ": Provider " + InternalStage.class.getName() + " could not be instantiated (ClassNotFoundException: io.inferdeck.common.io.AtomicFiles)"),
                org.assertj.core.groups.Tuple.tuple("mixed", "echo", "enabled"),
                org.assertj.core.groups.Tuple.tuple("c-empty", "-", "refused: provides nothing: no META-INF/services file for "
                        + EngineDriverPlugin.class.getName() + " or " + FilterStagePlugin.class.getName()),
                org.assertj.core.groups.Tuple.tuple("echo-plugin", "echo-engine", "enabled"),
                org.assertj.core.groups.Tuple.tuple("echo-plugin", "echo", "enabled"));
        assertThat(entries).allSatisfy(e -> assertThat(e.stateText()).doesNotContain("\n"));
    }

    @Test
    void aDisabledPluginIsListedFromItsServicesFilesWithoutLoadingIt() throws Exception {
        Path jar = echoJar("echo.jar", "echo-plugin");
        PluginScan scan = scan(Set.of("echo-plugin"));

        assertThat(scan.entries()).extracting(PluginEntry::kind, PluginEntry::provides, PluginEntry::state, PluginEntry::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("engine", EchoEngine.class.getName(), State.DISABLED, jar.toString()),
                        org.assertj.core.groups.Tuple.tuple("filter stage", EchoStage.class.getName(), State.DISABLED, jar.toString()));
        assertThat(scan.enabled(FilterStagePlugin.class)).isEmpty();
        assertThat(scan.enabled(EngineDriverPlugin.class)).isEmpty();
    }

    @Test
    void classPathProvidersAreFoundAndNamedAfterWhereTheyCameFrom() throws Exception {
        Path services = Files.createDirectories(dir.resolve("cp/META-INF/services"));
        Files.writeString(services.resolve(FilterStagePlugin.class.getName()), EchoStage.class.getName() + "\n");
        try (URLClassLoader cp = new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()}, APP)) {
            PluginScan scan = new PluginScanner(cp, folder(), Set.of()).scan();
            Path classes = Path.of(EchoStage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertThat(scan.entries()).singleElement().satisfies(e -> {
                assertThat(e.plugin()).isEqualTo(classes.getFileName().toString());
                assertThat(e.source()).isEqualTo(classes.toString());
                assertThat(e.state()).isEqualTo(State.ENABLED);
            });
            assertThat(scan.enabled(FilterStagePlugin.class).getFirst().extension()).isInstanceOf(EchoStage.class);

            PluginScan off = new PluginScanner(cp, folder(), Set.of(classes.getFileName().toString())).scan();
            assertThat(off.entries()).singleElement().satisfies(e -> assertThat(e.state()).isEqualTo(State.DISABLED));
        }
    }

    @Test
    void claimingRefusesBuiltInRepeatedAndInvalidIds() throws Exception {
        echoJar("a.jar", "first");
        TestPluginJars.write(folder().resolve("b.jar"), "second", null,
                Map.of(FilterStagePlugin.class, List.of(OtherEchoStage.class)), List.of(EchoStage.class, OtherEchoStage.class));
        PluginScan scan = scan(Set.of());

        PluginScan claimed = scan.claim(FilterStagePlugin.class, Set.of("pii"), "stage", id -> Optional.empty());
        assertThat(claimed.entries()).extracting(PluginEntry::plugin, PluginEntry::stateText).containsExactly(
                org.assertj.core.groups.Tuple.tuple("first", "enabled"),
                org.assertj.core.groups.Tuple.tuple("first", "enabled"),
                org.assertj.core.groups.Tuple.tuple("second", "refused: stage 'echo' is already provided by an earlier plugin"));
        assertThat(claimed.enabled(FilterStagePlugin.class)).extracting(p -> p.entry().plugin()).containsExactly("first");

        assertThat(scan.claim(FilterStagePlugin.class, Set.of("echo"), "stage", id -> Optional.empty())
                .enabled(FilterStagePlugin.class)).isEmpty();
        assertThat(scan.claim(EngineDriverPlugin.class, Set.of(), "engine", id -> Optional.of("bad id")).entries())
                .filteredOn(e -> e.kind().equals("engine")).singleElement()
                .satisfies(e -> assertThat(e.stateText()).isEqualTo("refused: bad id"));
    }
}
