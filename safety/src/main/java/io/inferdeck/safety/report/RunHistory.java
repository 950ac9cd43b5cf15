package io.inferdeck.safety.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.inferdeck.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Previous runs, one JSON report per run under {@code <runs>/<suite file name>/<startedAt>.json};
 * "the same suite" means the same file name, so an edited suite still diffs against its last run.
 * Also the JSON import/export of reports. Files are written atomically ({@link AtomicFiles}).
 */
public final class RunHistory {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Path runsDir;

    public RunHistory(Path runsDir) {
        this.runsDir = runsDir;
    }

    public static void writeJson(SuiteReport r, Path file) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(r));
    }

    public static SuiteReport readJson(Path file) throws IOException {
        return JSON.readValue(file.toFile(), SuiteReport.class);
    }

    private Path dirFor(String suite) {
        return runsDir.resolve(suite.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    public Path save(SuiteReport r) throws IOException {
        Path f = dirFor(r.suite()).resolve(r.startedAt().replace(':', '-') + ".json");
        writeJson(r, f);
        return f;
    }

    /** All stored runs of the suite, oldest first. */
    public List<Path> runs(String suite) throws IOException {
        Path d = dirFor(suite);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    public Optional<SuiteReport> latest(String suite) throws IOException {
        List<Path> r = runs(suite);
        for (int i = r.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(readJson(r.get(i)));
            } catch (IOException e) {
                // an unreadable old report must not stop a new run; try the one before
            }
        }
        return Optional.empty();
    }
}
