package io.inferdeck.control.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLibraryTest {
    @TempDir
    Path dir;

    @Test
    void absentDirectoryIsAnEmptyLibrary() throws Exception {
        assertThat(new ProfileLibrary(dir.resolve("none")).list()).isEmpty();
    }

    @Test
    void savedProfilesListBackAndBrokenFilesAreListedWithTheirError() throws Exception {
        ProfileLibrary lib = new ProfileLibrary(dir);
        Path saved = lib.save(DeploymentProfile.builder().name("Wide Batch/../x").batch(1024).build());
        assertThat(saved.getParent()).isEqualTo(dir);
        assertThat(saved.getFileName().toString()).isEqualTo("wide-batch-..-x.json");
        Files.writeString(dir.resolve("broken.yaml"), "batch: [1\n");
        Files.writeString(dir.resolve("notes.txt"), "not a profile");

        var entries = lib.list();
        assertThat(entries).extracting(ProfileLibrary.Entry::name).containsExactly("broken", "Wide Batch/../x");
        assertThat(entries.get(0).usable()).isFalse();
        assertThat(entries.get(0).error()).isNotBlank();
        assertThat(entries.get(1).profile().batch()).isEqualTo(1024);
    }
}
