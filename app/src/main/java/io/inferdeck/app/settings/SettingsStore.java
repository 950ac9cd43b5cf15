package io.inferdeck.app.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.common.io.AtomicFiles;
import io.inferdeck.styles.Theme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code settings.json} in the config dir.
 *
 * <p>Loading never fails the console: a missing file gives defaults; an unparseable file gives
 * defaults plus a warning and is kept aside as {@code settings.json.corrupt} so nothing the user
 * wrote is lost; a bad field (unknown theme, impossible window size) drops just that field, with a
 * warning. Saving is atomic ({@link AtomicFiles}), so a crash mid-save leaves the previous file
 * intact. Blocking I/O: call off the FX thread.
 */
public final class SettingsStore {

    public static final String FILE_NAME = "settings.json";
    static final int FORMAT_VERSION = 1;
    static final String DASHBOARD_SLO = "dashboardSloP95Ms";

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SettingsStore(Path dir) {
        this.dir = dir;
    }

    /** Settings as loaded, plus one human-readable warning per problem found. */
    public record Loaded(ConsoleSettings settings, List<String> warnings) {
        public Loaded {
            warnings = List.copyOf(warnings);
        }
    }

    public Path file() {
        return dir.resolve(FILE_NAME);
    }

    public Loaded load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file());
        } catch (NoSuchFileException e) {
            return new Loaded(ConsoleSettings.defaults(), List.of());
        } catch (IOException e) {
            return new Loaded(ConsoleSettings.defaults(), List.of("could not read " + file() + " (" + e + "); using defaults"));
        }
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (IOException e) {           // includes every Jackson parse error
            root = null;
        }
        if (root == null || !root.isObject()) {
            return new Loaded(ConsoleSettings.defaults(), List.of(setAside()));
        }
        List<String> warnings = new ArrayList<>();
        return new Loaded(new ConsoleSettings(theme(root, warnings), window(root, warnings), modelFolders(root, warnings),
                dashboardSlo(root, warnings)), warnings);
    }

    /** Writes {@code settings} atomically, creating the config dir if needed. */
    public void save(ConsoleSettings settings) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("version", FORMAT_VERSION);
        root.put("theme", settings.theme().id());
        settings.windowBounds().ifPresent(w -> root.putObject("window")
                .put("x", w.x()).put("y", w.y()).put("width", w.width()).put("height", w.height())
                .put("maximized", w.maximized()));
        if (!settings.modelFolders().isEmpty()) {
            var folders = root.putArray("modelFolders");
            settings.modelFolders().forEach(f -> folders.add(f.toString()));
        }
        settings.dashboardSlo().ifPresent(d -> root.put(DASHBOARD_SLO, d.toMillis()));
        AtomicFiles.write(file(), json.writeValueAsBytes(root));
    }

    private String setAside() {
        Path aside = dir.resolve(FILE_NAME + ".corrupt");
        try {
            Files.move(file(), aside, StandardCopyOption.REPLACE_EXISTING);
            return file() + " is not a valid settings file; using defaults (the unreadable file was kept as " + aside + ")";
        } catch (IOException e) {
            return file() + " is not a valid settings file; using defaults (could not keep a copy: " + e + ")";
        }
    }

    /** The Dashboard's P95 objective in whole milliseconds; absent: none. Anything but a positive number: dropped, with a warning. */
    private static java.time.Duration dashboardSlo(JsonNode root, List<String> warnings) {
        JsonNode n = root.path(DASHBOARD_SLO);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.isNumber() || n.asDouble() < 1) {
            warnings.add("ignoring " + DASHBOARD_SLO + " " + n + " in settings: not a positive number of milliseconds");
            return null;
        }
        return java.time.Duration.ofMillis(n.asLong());
    }

    private static Theme theme(JsonNode root, List<String> warnings) {
        JsonNode node = root.path("theme");
        if (node.isMissingNode()) {
            return ConsoleSettings.defaults().theme();
        }
        return Theme.fromId(node.isTextual() ? node.asText() : null).orElseGet(() -> {
            warnings.add("unknown theme " + node + " in settings; using " + ConsoleSettings.defaults().theme().id());
            return ConsoleSettings.defaults().theme();
        });
    }

    /** Absolute folder paths; anything else is dropped with a warning, the rest kept. */
    private static List<Path> modelFolders(JsonNode root, List<String> warnings) {
        List<Path> out = new ArrayList<>();
        for (JsonNode n : root.path("modelFolders")) {
            try {
                Path p = Path.of(n.asText(""));
                if (!n.isTextual() || !p.isAbsolute()) {
                    throw new IllegalArgumentException("not an absolute path");
                }
                out.add(p);
            } catch (IllegalArgumentException e) {   // InvalidPathException included
                warnings.add("ignoring models folder " + n + " in settings: " + e.getMessage());
            }
        }
        return out;
    }

    private static WindowBounds window(JsonNode root, List<String> warnings) {
        JsonNode w = root.path("window");
        if (w.isMissingNode() || w.isNull()) {
            return null;
        }
        try {
            for (String field : List.of("x", "y", "width", "height")) {
                if (!w.path(field).isNumber()) {
                    throw new IllegalArgumentException("'" + field + "' is missing or not a number");
                }
            }
            return new WindowBounds(w.get("x").asDouble(), w.get("y").asDouble(), w.get("width").asDouble(),
                    w.get("height").asDouble(), w.path("maximized").asBoolean(false));
        } catch (IllegalArgumentException e) {
            warnings.add("ignoring saved window placement: " + e.getMessage());
            return null;
        }
    }
}
