package io.inferdeck.services.safety;

import io.inferdeck.safety.suite.StarterSuite;
import java.nio.file.Path;

/** A suite the operator can pick: the bundled starter suite ({@code path == null}) or a file. */
public record SuiteSource(String name, Path path) {

    public static SuiteSource starter() {
        return new SuiteSource("Starter suite (" + StarterSuite.NAME + ")", null);
    }

    public static SuiteSource file(Path path) {
        return new SuiteSource(path.getFileName().toString(), path);
    }

    @Override
    public String toString() {
        return name;
    }
}
