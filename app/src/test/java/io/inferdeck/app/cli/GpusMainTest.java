package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bundle's entry point answers like {@code inferdeck gpus}: exit 0 without a driver, 2 for a bad option. */
class GpusMainTest {
    @Test
    void exitCodesMatchTheGpusSubcommand() {
        assertThat(GpusMain.run("--json", "--library", Path.of("no-such-libnvidia-ml.so").toAbsolutePath().toString())).isZero();
        assertThat(GpusMain.run("--no-such-option")).isEqualTo(2);
    }
}
