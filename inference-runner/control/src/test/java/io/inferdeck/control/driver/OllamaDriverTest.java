package io.inferdeck.control.driver;

import static io.inferdeck.control.driver.DriverFixtures.ownIssues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.launch.BinaryResolver;
import io.inferdeck.control.launch.LaunchCommand;
import io.inferdeck.control.launch.LaunchException;
import io.inferdeck.control.launch.LaunchPlanner;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileValidator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OllamaDriverTest {
    private final OllamaDriver driver = new OllamaDriver();
    @TempDir
    Path bin;

    private static DeploymentProfile.Builder ollama() {
        return DeploymentProfile.builder().engine(new EngineKind("ollama"));
    }

    @Test
    void attachesToOllamasDefaultUnlessTheProfileNamesABinary() throws Exception {
        DeploymentProfile attach = ollama().build();
        assertThat(driver.launched(attach)).isFalse();
        assertThat(driver.attachedUrl(attach)).isEqualTo(URI.create("http://127.0.0.1:11434"));
        assertThat(driver.attachedUrl(ollama().baseUrl("http://gpu:11434").build())).isEqualTo(URI.create("http://gpu:11434"));
        assertThat(ProfileValidator.validate(attach, OptionalInt.empty())).isEmpty();   // no model needed
        assertThat(LaunchPlanner.plan(attach, DriverFixtures.machine())).singleElement()
                .satisfies(c -> assertThat(c.attached()).isTrue())
                .extracting(LaunchCommand::display).isEqualTo("attach http://127.0.0.1:11434 (health: GET /api/version)");
        assertThat(driver.launched(ollama().binary("ollama").build())).isTrue();
        assertThat(driver.metrics()).isEmpty();
    }

    @Test
    void launchedServeTakesItsSettingsFromTheEnvironment() throws Exception {
        Path exe = Files.createFile(bin.resolve("ollama"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        DeploymentProfile p = ollama().binary("ollama").port(11500).ctx(8192).parallel(4).flashAttention(true)
                .cacheTypeK("q8_0").queue(64).gpus(List.of(1)).build();
        assertThat(ProfileValidator.validate(p, OptionalInt.empty())).isEmpty();
        LaunchCommand c = LaunchPlanner.render(p, DriverFixtures.machine().withBinaries(new BinaryResolver(bin.toString())))
                .getFirst();
        assertThat(c.argv()).containsExactly(exe.toString(), "serve");
        assertThat(c.env()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("OLLAMA_HOST", "127.0.0.1:11500",
                "OLLAMA_NUM_PARALLEL", "4", "OLLAMA_CONTEXT_LENGTH", "8192", "OLLAMA_KV_CACHE_TYPE", "q8_0",
                "OLLAMA_FLASH_ATTENTION", "1", "OLLAMA_MAX_QUEUE", "64", "CUDA_VISIBLE_DEVICES", "1"));
        assertThat(c.health().path()).isEqualTo("/api/version");
        assertThatThrownBy(() -> LaunchPlanner.render(p, DriverFixtures.machine()))
                .isInstanceOf(LaunchException.class).hasMessageContaining("ollama not found on PATH");
    }

    @Test
    void warnsWhereOllamaWouldSilentlyIgnoreTheProfile() {
        assertThat(ownIssues(driver, ollama().binary("ollama").cacheTypeK("q4_0"))).singleElement()
                .extracting(ProfileIssue::field).isEqualTo("cacheTypeK");
        assertThat(ownIssues(driver, ollama().binary("ollama").apiKey("0123456789abcdef0"))).singleElement()
                .extracting(ProfileIssue::message).asString().contains("checks no API key");
        assertThat(ownIssues(driver, ollama().binary("ollama").baseUrl("http://x:1"))).singleElement()
                .extracting(ProfileIssue::field).isEqualTo("baseUrl");
        assertThat(ownIssues(driver, ollama().baseUrl("not a url"))).singleElement()
                .extracting(ProfileIssue::message).asString().startsWith("not a URL");
    }
}
