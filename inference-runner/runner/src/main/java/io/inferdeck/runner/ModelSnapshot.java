package io.inferdeck.runner;

import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.ModelValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The runner serves a private copy of the model, never the operator's file. llama.cpp maps the model, and
 * a mapped file truncated by someone else kills the process with SIGBUS on the next page it touches; the
 * copy lives in the runner's private 0700 directory where nobody else writes. The copy is validated again,
 * so what llama.cpp loads is exactly what passed validation (no check-then-load race), and it is unlinked
 * as soon as llama.cpp has it open: the mapping keeps the data, and a crashed runner leaves no model copy.
 * Cost: one file copy (Files.copy: copy_file_range, a reflink on btrfs/XFS) and the model's size on the
 * temp file system while loading; see docs/runner.md.
 */
final class ModelSnapshot {
    private final Path file;

    private ModelSnapshot(Path file) {
        this.file = file;
    }

    static ModelSnapshot take(GgufFile original, Path privateDir) throws RunnerConfigException {
        Path copy = privateDir.resolve("model.gguf");
        try {
            Files.copy(original.path(), copy);
        } catch (IOException e) {
            throw RunnerConfigException.startup("cannot copy the model to " + copy + " (it needs " + original.fileSize()
                    + " bytes of free space there): " + e.getMessage());
        }
        try {
            GgufFile checked = ModelValidator.read(copy);
            if (checked.fileSize() != original.fileSize()) {
                throw new GgufFormatException("changed while it was being copied");
            }
        } catch (GgufFormatException e) {
            throw RunnerConfigException.startup("invalid model: " + original.path().getFileName() + " "
                    + e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
        return new ModelSnapshot(copy);
    }

    Path file() {
        return file;
    }

    /** Unlinks the copy; call once llama.cpp holds the model (mapped or read). Best effort. */
    void release() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the private directory is removed on exit anyway
        }
    }
}
