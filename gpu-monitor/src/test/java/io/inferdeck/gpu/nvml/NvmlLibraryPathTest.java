package io.inferdeck.gpu.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NvmlLibraryPathTest {

    @Test
    void systemPropertyWinsOverEnvironment() {
        Map<String, String> props = Map.of(NvmlLibraryPath.PROPERTY, "/opt/a/libnvidia-ml.so");
        Map<String, String> env = Map.of(NvmlLibraryPath.ENV, "/opt/b/libnvidia-ml.so");
        assertThat(NvmlLibraryPath.candidates(props::get, env::get)).containsExactly("/opt/a/libnvidia-ml.so");
    }

    @Test
    void environmentIsUsedWithoutProperty() {
        Map<String, String> env = Map.of(NvmlLibraryPath.ENV, " /opt/b/libnvidia-ml.so ");
        assertThat(NvmlLibraryPath.candidates(k -> null, env::get)).containsExactly("/opt/b/libnvidia-ml.so");
    }

    @Test
    void defaultsAreTheDriverSonameThenTheDevSymlink() {
        assertThat(NvmlLibraryPath.candidates(k -> null, k -> " "))
                .containsExactly("libnvidia-ml.so.1", "libnvidia-ml.so");
    }
}
