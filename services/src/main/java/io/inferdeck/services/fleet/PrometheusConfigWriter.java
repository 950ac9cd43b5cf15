package io.inferdeck.services.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.inferdeck.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Writes {@code prometheus.yml}, {@code inferdeck-rules.yml} and, for every key variable the inventory names and
 * the environment holds, {@code secrets/<VARIABLE>} (owner-only folder and files on POSIX). All writes atomic.
 */
public final class PrometheusConfigWriter {
    public static final String CONFIG = "prometheus.yml";
    public static final String RULES = "inferdeck-rules.yml";

    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES).build();

    private final FleetDialects dialects;
    private final Function<String, Optional<String>> environment;

    /** @param environment looks a variable up ({@code System::getenv} in the CLI) */
    public PrometheusConfigWriter(FleetDialects dialects, Function<String, Optional<String>> environment) {
        this.dialects = dialects;
        this.environment = environment;
    }

    /** What was written, and the key variables the environment lacked (their secret files are missing). */
    public record Written(List<Path> files, List<String> missingKeys) {
    }

    public Written write(FleetInventory fleet, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(AtomicFiles.writeString(dir.resolve(CONFIG), yaml(ScrapeConfigRenderer.render(fleet, RULES))));
        files.add(AtomicFiles.writeString(dir.resolve(RULES), yaml(RulesRenderer.render(fleet, dialects))));
        List<String> missing = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>();
        fleet.nodes().forEach(n -> n.targets().forEach(t -> t.bearerKey().ifPresent(keys::add)));
        for (String k : keys) {
            Optional<String> key = environment.apply(k).filter(v -> !v.isBlank());
            if (key.isEmpty()) {
                missing.add(k);
                continue;
            }
            files.add(AtomicFiles.writeString(ownerOnlyFolder(dir.resolve(ScrapeConfigRenderer.SECRETS)).resolve(k), key.get()));
            ownerOnly(dir.resolve(ScrapeConfigRenderer.SECRETS).resolve(k), "rw-------");
        }
        return new Written(List.copyOf(files), List.copyOf(missing));
    }

    static String yaml(Object tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialise", e);
        }
    }

    /** The folder is made owner-only before any key is written into it, so no key is ever readable by others. */
    private static Path ownerOnlyFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        ownerOnly(dir, "rwx------");
        return dir;
    }

    private static void ownerOnly(Path p, String perms) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        }
    }
}
