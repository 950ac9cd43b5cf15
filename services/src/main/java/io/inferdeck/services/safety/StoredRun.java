package io.inferdeck.services.safety;

import java.nio.file.Path;

/** A previous run of a suite, stored as JSON in the run history; {@code startedAt} is its file's stem. */
public record StoredRun(Path file, String startedAt) {

    static StoredRun of(Path file) {
        return new StoredRun(file, file.getFileName().toString().replaceFirst("\\.json$", ""));
    }

    @Override
    public String toString() {
        return startedAt;
    }
}
