package io.inferdeck.common.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDirsTest {
    @TempDir
    Path dir;

    @Test
    void followsXdgAndIgnoresRelativeValues() {
        assertThat(PluginDirs.resolve(Map.of(), "/home/u", null)).isEqualTo(new PluginDirs(
                Path.of("/home/u/.local/share/inferdeck/plugins"), Path.of("/home/u/.config/inferdeck/disabled-plugins")));
        assertThat(PluginDirs.resolve(Map.of("XDG_DATA_HOME", "/d", "XDG_CONFIG_HOME", "/c"), "/home/u", null))
                .isEqualTo(new PluginDirs(Path.of("/d/inferdeck/plugins"), Path.of("/c/inferdeck/disabled-plugins")));
        assertThat(PluginDirs.resolve(Map.of("XDG_DATA_HOME", "rel"), "/home/u", "/elsewhere").folder())
                .isEqualTo(Path.of("/elsewhere"));
        assertThat(PluginDirs.resolve(Map.of("XDG_DATA_HOME", "rel"), "/home/u", " ").folder())
                .isEqualTo(Path.of("/home/u/.local/share/inferdeck/plugins"));
    }

    @Test
    void theDisabledListRoundTripsAndIgnoresComments() throws Exception {
        Path file = dir.resolve("cfg/disabled-plugins");
        assertThat(DisabledPlugins.read(file)).isEmpty();
        assertThat(DisabledPlugins.set(file, "b", true)).containsExactly("b");
        assertThat(DisabledPlugins.set(file, "a", true)).containsExactlyInAnyOrder("a", "b");
        assertThat(DisabledPlugins.set(file, "b", false)).containsExactly("a");
        assertThat(DisabledPlugins.read(file)).containsExactly("a");
        java.nio.file.Files.writeString(file, "# note\n\n  c  \n");
        assertThat(DisabledPlugins.read(file)).isEqualTo(Set.of("c"));
    }
}
