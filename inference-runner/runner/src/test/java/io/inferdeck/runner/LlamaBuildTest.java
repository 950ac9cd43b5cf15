package io.inferdeck.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The build stamp is read from de.kherud's jar on this class path: its Maven metadata and its Linux native. */
class LlamaBuildTest {
    @Test
    void readsTheBundledNativesBuildStampWithoutLoadingIt() throws IOException {
        LlamaBuild b = LlamaBuild.bundled(getClass().getClassLoader());

        assertThat(b.binding()).hasValueSatisfying(v -> assertThat(v).matches("\\d+\\.\\d+\\.\\d+"));
        assertThat(b.platform()).isEqualTo(LlamaBuild.currentPlatform());
        if (b.platform().startsWith("Linux/")) {
            assertThat(b.build()).hasValueSatisfying(v -> assertThat(v).matches("b[1-9]\\d*"));
            assertThat(b.commit()).hasValueSatisfying(c -> assertThat(c).matches("[0-9a-f]{7,40}"));
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("de/kherud/llama/" + b.platform() + "/libjllama.so")) {
                String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(bytes).contains("\0" + b.commit().orElseThrow() + "\0");   // a real string of the library
            }
            assertThat(b.describe()).isEqualTo(b.build().orElseThrow() + " (commit " + b.commit().orElseThrow()
                    + "), de.kherud:llama " + b.binding().orElseThrow() + ", " + b.platform() + " natives");
        }
    }

    @Test
    void whatCannotBeReadIsSaidToBeUnknown() {
        LlamaBuild none = LlamaBuild.bundled(new ClassLoader(null) { });
        assertThat(none).isEqualTo(new LlamaBuild(Optional.empty(), Optional.empty(), Optional.empty(), LlamaBuild.currentPlatform()));
        assertThat(none.describe()).startsWith("unknown build, de.kherud:llama not on the class path, ");
        assertThatThrownBy(() -> new ElfSymbols("#!/bin/sh\n".repeat(10).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }
}
