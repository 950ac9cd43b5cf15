package io.inferdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleLauncherTest {

    @Test
    void linuxWithoutAnyDisplayGetsAPlainExplanation() {
        assertThat(ConsoleLauncher.displayProblem(Map.of(), "Linux", null))
                .contains("no display", "DISPLAY", "xvfb-run -a ./inferdeck");
        assertThat(ConsoleLauncher.displayProblem(Map.of("DISPLAY", " "), "Linux", null)).isNotNull();
    }

    @Test
    void anX11OrWaylandDisplayOrHeadlessGlassIsEnough() {
        assertThat(ConsoleLauncher.displayProblem(Map.of("DISPLAY", ":99"), "Linux", null)).isNull();
        assertThat(ConsoleLauncher.displayProblem(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null)).isNull();
        assertThat(ConsoleLauncher.displayProblem(Map.of(), "Linux", "Monocle")).isNull();
        assertThat(ConsoleLauncher.displayProblem(Map.of(), "Windows 11", null)).isNull();
    }
}
