package io.inferdeck.services.safety;

import io.inferdeck.safety.suite.StarterSuite;
import io.inferdeck.safety.suite.Suite;
import io.inferdeck.safety.suite.SuiteLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The suites on offer: the bundled starter suite and *.jsonl / *.csv files in one folder. Stateless. */
public final class SuiteCatalog {
    /** What the CLI accepts in place of a file name for the bundled suite. */
    public static final String STARTER = "starter";
    /** What the CLI accepts for the bundled dev split (issue 15: only ever scored, never trained on). */
    public static final String DEV = "dev";

    private final Path dir;

    public SuiteCatalog(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The starter suite first, then the folder's suite files by name. */
    public List<SuiteSource> list() throws IOException {
        List<SuiteSource> out = new ArrayList<>();
        out.add(SuiteSource.starter());
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".jsonl") || p.toString().endsWith(".csv"))
                        .sorted().forEach(p -> out.add(SuiteSource.file(p)));
            }
        }
        return out;
    }

    public Suite load(SuiteSource source) throws IOException {
        return source.path() == null ? StarterSuite.load() : SuiteLoader.load(source.path());
    }

    /**
     * {@code spec}: a suite file, {@link #STARTER} or {@link #DEV}. Needs no catalog folder, so callers can load
     * before settings exist.
     */
    public static Suite load(String spec) throws IOException {
        return switch (spec) {
            case STARTER -> StarterSuite.load();
            case DEV -> StarterSuite.devSplit();
            default -> SuiteLoader.load(Path.of(spec));
        };
    }
}
