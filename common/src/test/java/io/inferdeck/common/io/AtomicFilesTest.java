package io.inferdeck.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesContentWhole() throws IOException {
        Path target = dir.resolve("sub/settings.json");
        AtomicFiles.writeString(target, "old");
        AtomicFiles.write(target, "new".getBytes());
        assertThat(target).hasContent("new");
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void savedFilesAreOwnerOnlyOnPosix() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path target = AtomicFiles.writeString(dir.resolve("profile.yaml"), "apiKey: s3cret");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void failedWriteKeepsOldContentAndLeavesNoTempFile() throws IOException {
        Path target = dir.resolve("profile.json");
        AtomicFiles.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, temp -> {
            Files.writeString(temp, "half");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(target).hasContent("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
