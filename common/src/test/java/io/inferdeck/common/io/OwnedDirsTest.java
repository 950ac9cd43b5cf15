package io.inferdeck.common.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders of dead owners go on the next create; live owners', unowned and other prefixes' folders stay. */
class OwnedDirsTest {
    @TempDir
    Path tmp;

    @Test
    void theNextCreateRemovesFoldersOfOwnersThatDied() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        Path dead = Files.createDirectories(tmp.resolve("inferdeck-runner-dead"));
        Files.writeString(dead.resolve("libjllama.so"), "x");
        Files.writeString(dead.resolve(OwnedDirs.OWNER_FILE), OwnedDirs.ownerLine(child.toHandle()));
        Path reused = Files.createDirectories(tmp.resolve("inferdeck-runner-reused"));   // our pid, another start time
        Files.writeString(reused.resolve(OwnedDirs.OWNER_FILE), ProcessHandle.current().pid() + " 2000-01-01T00:00:00Z\n");
        Path live = OwnedDirs.create(tmp, "inferdeck-runner-");
        Path unowned = Files.createDirectories(tmp.resolve("inferdeck-runner-unowned"));
        Path other = Files.createDirectories(tmp.resolve("other-dead"));
        Files.writeString(other.resolve(OwnedDirs.OWNER_FILE), OwnedDirs.ownerLine(child.toHandle()));

        assertThat(OwnedDirs.sweep(tmp, "inferdeck-runner-")).as("nothing dead yet besides the reused pid").isZero();
        assertThat(reused).doesNotExist();   // removed by create() already
        child.destroyForcibly().waitFor();

        Path next = OwnedDirs.create(tmp, "inferdeck-runner-");
        assertThat(dead).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(next).isDirectory();
        assertThat(unowned).isDirectory();
        assertThat(other).isDirectory();
    }
}
