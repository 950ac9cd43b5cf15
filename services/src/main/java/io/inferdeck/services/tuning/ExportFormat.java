package io.inferdeck.services.tuning;

import java.nio.file.Path;
import java.util.Locale;

/** The formats runs and reports are exported in; the page picks one from the file name the operator typed. */
public enum ExportFormat {
    CSV(".csv"), JSON(".json"), MARKDOWN(".md");

    private final String extension;

    ExportFormat(String extension) {
        this.extension = extension;
    }

    /** The format {@code file}'s extension names (any case), else {@code otherwise}. */
    public static ExportFormat of(Path file, ExportFormat otherwise) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (name.endsWith(f.extension)) {
                return f;
            }
        }
        return otherwise;
    }
}
