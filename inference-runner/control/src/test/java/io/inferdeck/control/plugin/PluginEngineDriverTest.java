package io.inferdeck.control.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.common.plugin.PluginEntry;
import io.inferdeck.common.plugin.PluginScan;
import io.inferdeck.common.plugin.PluginScanner;
import io.inferdeck.common.plugin.Registration;
import io.inferdeck.common.plugin.TestPluginJars;
import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.control.launch.BinaryResolver;
import io.inferdeck.control.launch.LaunchCommand;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.launch.LaunchException;
import io.inferdeck.control.launch.LaunchPlanner;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileValidator;
import io.inferdeck.plugin.api.engine.EngineDriverPlugin;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine plugins, found by the plugin scanner (here on a class path that registers them), become drivers of
 * the one registry: the unchanged planner renders them, the validator runs their rules, and a plugin that
 * clashes, cannot be named or throws is refused or reported by name while the rest work.
 */
class PluginEngineDriverTest {
    @TempDir
    Path dir;
    private URLClassLoader classPath;
    private Registration<EngineDrivers> installed;

    @BeforeEach
    void scan() throws Exception {
        classPath = TestPluginJars.classPath(dir.resolve("cp"), Map.of(EngineDriverPlugin.class, List.of(ToyServePlugin.class,
                ToyServePlugin.Clashing.class, ToyServePlugin.BadId.class, ToyServePlugin.Throwing.class)));
        PluginScan scan = new PluginScanner(classPath, dir.resolve("plugins"), Set.of()).scan();
        installed = EngineDrivers.withPlugins(EngineDrivers.defaults(), scan);
    }

    @AfterEach
    void close() throws Exception {
        classPath.close();
    }

    private static DeploymentProfile.Builder toy() {
        return DeploymentProfile.builder().engine(new EngineKind("toyserve")).name("t").model("/m/t.gguf").ctx(1024);
    }

    @Test
    void validPluginsRegisterAfterTheBuiltInsAndTheOthersAreRefusedWithTheReason() {
        assertThat(installed.registry().allowed()).isEqualTo("builtin, llama-server, vllm, remote, sglang, ollama, tgi, toyserve, throwing");
        assertThat(installed.scan().entries()).extracting(PluginEntry::provides, PluginEntry::stateText).containsExactly(
                org.assertj.core.groups.Tuple.tuple("toyserve", "enabled"),
                org.assertj.core.groups.Tuple.tuple("vllm", "refused: engine 'vllm' is built in"),
                org.assertj.core.groups.Tuple.tuple("Toy Serve", "refused: engine id 'Toy Serve' must be 1-64 characters of a-z 0-9 . _ -"),
                org.assertj.core.groups.Tuple.tuple("throwing", "enabled"));
        assertThat(installed.registry().driver(EngineKind.VLLM).getClass().getSimpleName()).isEqualTo("VllmDriver");
    }

    @Test
    void theUnchangedPlannerRendersAPluginEngine() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("toyserve"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(bin.resolve("toyserve"), PosixFilePermissions.fromString("rwxr-xr-x"));
        LaunchContext ctx = LaunchContext.forThisJvm().withBinaries(new BinaryResolver(bin.toString()))
                .withDrivers(installed.registry());

        List<LaunchCommand> commands = LaunchPlanner.render(toy().gpus(List.of(0, 1)).replicas(2).threads(3)
                .apiKey("sk-toy").extraArgs(List.of("--fast")).port(7000).build(), ctx);

        assertThat(commands).hasSize(2);
        assertThat(commands.get(1).argv()).containsExactly(bin.resolve("toyserve").toString(), "--model", "/m/t.gguf",
                "--port", "7001", "--threads", "3", "--fast");
        assertThat(commands.get(1).env()).containsEntry("CUDA_VISIBLE_DEVICES", "1").containsEntry("TOY_KEY", "sk-toy");
        assertThat(commands.get(1).health().path()).isEqualTo("/ready");
        assertThatThrownBy(() -> LaunchPlanner.render(toy().binary(dir.resolve("nope").toString()).build(), ctx))
                .isInstanceOf(LaunchException.class);
    }

    @Test
    void thePluginsRulesRunAfterTheSharedOnesAndAThrowingPluginIsNamed() {
        assertThat(ProfileValidator.validate(toy().build(), OptionalInt.empty(), installed.registry())).isEmpty();
        assertThat(ProfileValidator.validate(toy().ctx(1000).port(0).build(), OptionalInt.empty(), installed.registry()))
                .extracting(ProfileIssue::toString)
                .containsExactly("port: must be 1..65535", "ctx: must be a multiple of 128 for toyserve");
        assertThat(ProfileValidator.validate(toy().model(null).build(), OptionalInt.empty(), installed.registry()))
                .extracting(ProfileIssue::toString).contains("model: required for toyserve");

        List<ProfileIssue> issues = ProfileValidator.validate(toy().engine(new EngineKind("throwing")).build(),
                OptionalInt.empty(), installed.registry());
        assertThat(issues).extracting(ProfileIssue::toString).containsExactly("engine: engine 'throwing' from plugin "
                + installed.scan().entries().getLast().plugin() + " (" + installed.scan().entries().getLast().source()
                + ") failed: IllegalStateException: no rules today");
    }

    @Test
    void withoutPluginsTheDefaultRegistryIsTheBuiltIns() {
        assertThat(EngineDrivers.installedPlugins().entries()).isEmpty();   // the build points the plugins folder at an empty one
        assertThat(EngineDrivers.defaults().allowed()).isEqualTo("builtin, llama-server, vllm, remote, sglang, ollama, tgi");
        assertThat(installed.registry().driver(new EngineKind("toyserve")).knobs()).isNotEmpty();
    }
}
