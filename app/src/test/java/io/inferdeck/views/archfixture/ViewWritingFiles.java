package io.inferdeck.views.archfixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Deliberately breaks the layering (file I/O in a view); only ArchitectureTest imports it. */
public final class ViewWritingFiles {
    void save(Path p) throws IOException {
        Files.writeString(p, "x");
    }
}
