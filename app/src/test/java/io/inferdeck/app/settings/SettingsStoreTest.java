package io.inferdeck.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.styles.Theme;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("config").resolve("inferdeck");
    }

    @Test
    void missingFileGivesDefaultsWithoutWarnings() {
        SettingsStore.Loaded loaded = new SettingsStore(dir()).load();

        assertThat(loaded.settings()).isEqualTo(ConsoleSettings.defaults());
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void saveCreatesTheDirAndRoundTrips() throws IOException {
        SettingsStore store = new SettingsStore(dir());
        ConsoleSettings settings = new ConsoleSettings(Theme.DARK, new WindowBounds(40.5, -10, 1400, 900, true));

        store.save(settings);

        assertThat(store.file()).isRegularFile();
        assertThat(new SettingsStore(dir()).load()).isEqualTo(new SettingsStore.Loaded(settings, List.of()));
        assertThat(Files.readString(store.file())).contains("\"theme\" : \"dark\"", "\"version\" : 1");
    }

    @Test
    void modelsFoldersRoundTripInOrderAndABadOneIsDroppedWithAWarning() throws IOException {
        SettingsStore store = new SettingsStore(dir());
        Path a = dir().resolve("models-a").toAbsolutePath();
        Path b = dir().resolve("models-b").toAbsolutePath();
        ConsoleSettings settings = ConsoleSettings.defaults().withModelFolder(a).withModelFolder(b).withModelFolder(a);

        store.save(settings);

        assertThat(store.load().settings().modelFolders()).containsExactly(a, b);
        Files.writeString(store.file(), "{\"theme\":\"dark\",\"modelFolders\":[\"" + a.toString().replace("\\", "\\\\")
                + "\", \"relative/dir\", 7]}");
        SettingsStore.Loaded loaded = store.load();
        assertThat(loaded.settings().modelFolders()).containsExactly(a);
        assertThat(loaded.settings().theme()).isEqualTo(Theme.DARK);
        assertThat(loaded.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).startsWith("ignoring models folder"));
    }

    @Test
    void theDashboardObjectiveIsKeptThroughChangesAndABadOneIsDroppedWithAWarning() throws IOException {
        SettingsStore store = new SettingsStore(dir());
        Files.createDirectories(dir());
        Files.writeString(store.file(), "{\"version\": 1, \"theme\": \"dark\", \"dashboardSloP95Ms\": 750}");
        ConsoleSettings loaded = store.load().settings();
        assertThat(loaded.dashboardSlo()).contains(java.time.Duration.ofMillis(750));

        store.save(loaded.withTheme(Theme.LIGHT));
        assertThat(store.load().settings().dashboardSlo()).contains(java.time.Duration.ofMillis(750));

        Files.writeString(store.file(), "{\"version\": 1, \"dashboardSloP95Ms\": \"fast\"}");
        SettingsStore.Loaded bad = store.load();
        assertThat(bad.settings().dashboardSlo()).isEmpty();
        assertThat(bad.warnings()).singleElement().asString().contains("dashboardSloP95Ms");
        assertThat(ConsoleSettings.defaults().dashboardSlo()).as("no objective unless the operator sets one").isEmpty();
    }

    @Test
    void saveLeavesNoTempFilesBehind() throws IOException {
        SettingsStore store = new SettingsStore(dir());
        for (int i = 0; i < 5; i++) {
            store.save(ConsoleSettings.defaults().withTheme(i % 2 == 0 ? Theme.DARK : Theme.LIGHT));
        }
        try (Stream<Path> files = Files.list(dir())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SettingsStore.FILE_NAME);
        }
    }

    /** A reader racing a writer must always see a whole file: old or new, never a torn or empty one. */
    @Test
    void readersNeverSeeAPartialFile() throws Exception {
        SettingsStore store = new SettingsStore(dir());
        store.save(ConsoleSettings.defaults());
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger bad = new AtomicInteger();
        Thread reader = Thread.ofPlatform().name("settings-reader").start(() -> {
            while (writing.get()) {
                try {
                    String text = Files.readString(store.file(), StandardCharsets.UTF_8);
                    reads.incrementAndGet();
                    if (!text.strip().endsWith("}")) {
                        bad.incrementAndGet();
                    }
                } catch (IOException e) {
                    bad.incrementAndGet();              // a missing file would also be a torn save
                }
            }
        });
        for (int i = 0; i < 300; i++) {
            store.save(new ConsoleSettings(i % 2 == 0 ? Theme.DARK : Theme.LIGHT,
                    new WindowBounds(i, i, 1000 + i, 700 + i, false)));
        }
        writing.set(false);
        reader.join();

        assertThat(reads.get()).isPositive();
        assertThat(bad).hasValue(0);
        assertThat(store.load().settings().window().width()).isEqualTo(1299);
    }

    @Test
    void corruptFileGivesDefaultsAWarningAndIsKeptAside() throws IOException {
        Files.createDirectories(dir());
        Path file = dir().resolve(SettingsStore.FILE_NAME);
        Files.writeString(file, "{\"theme\": \"dark\", \"window\": {\"x\": 1");

        SettingsStore.Loaded loaded = new SettingsStore(dir()).load();

        assertThat(loaded.settings()).isEqualTo(ConsoleSettings.defaults());
        assertThat(loaded.warnings()).singleElement().asString().contains("not a valid settings file", "settings.json.corrupt");
        assertThat(dir().resolve("settings.json.corrupt")).hasContent("{\"theme\": \"dark\", \"window\": {\"x\": 1");
        assertThat(file).doesNotExist();
    }

    @Test
    void nonObjectJsonAndBinaryGarbageAreTreatedAsCorrupt() throws IOException {
        Files.createDirectories(dir());
        for (byte[] content : List.of("[1,2]".getBytes(), new byte[] {0, (byte) 0xff, 12, 7}, new byte[0])) {
            Files.write(dir().resolve(SettingsStore.FILE_NAME), content);
            SettingsStore.Loaded loaded = new SettingsStore(dir()).load();
            assertThat(loaded.settings()).isEqualTo(ConsoleSettings.defaults());
            assertThat(loaded.warnings()).hasSize(1);
        }
    }

    @Test
    void badFieldsAreDroppedOneByOneWithWarnings() throws IOException {
        Files.createDirectories(dir());
        Files.writeString(dir().resolve(SettingsStore.FILE_NAME),
                "{\"version\":1,\"theme\":\"solarized\",\"window\":{\"x\":0,\"y\":0,\"width\":-5,\"height\":700},\"future\":true}");

        SettingsStore.Loaded loaded = new SettingsStore(dir()).load();

        assertThat(loaded.settings()).isEqualTo(ConsoleSettings.defaults());
        assertThat(loaded.warnings()).hasSize(2).anySatisfy(w -> assertThat(w).contains("solarized"))
                .anySatisfy(w -> assertThat(w).contains("window"));
    }

    @Test
    void validThemeSurvivesABadWindow() throws IOException {
        Files.createDirectories(dir());
        Files.writeString(dir().resolve(SettingsStore.FILE_NAME), "{\"theme\":\"dark\",\"window\":{\"x\":\"left\"}}");

        SettingsStore.Loaded loaded = new SettingsStore(dir()).load();

        assertThat(loaded.settings()).isEqualTo(new ConsoleSettings(Theme.DARK, null));
        assertThat(loaded.warnings()).singleElement().asString().contains("'x'");
    }

    @Test
    void configDirFollowsXdgAndIgnoresRelativeValues() {
        assertThat(ConfigDirs.resolve(java.util.Map.of("XDG_CONFIG_HOME", "/etc/xdg-user"), "/home/ann"))
                .isEqualTo(Path.of("/etc/xdg-user/inferdeck"));
        assertThat(ConfigDirs.resolve(java.util.Map.of("XDG_CONFIG_HOME", "relative/dir"), "/home/ann"))
                .isEqualTo(Path.of("/home/ann/.config/inferdeck"));
        assertThat(ConfigDirs.resolve(java.util.Map.of(), "/home/ann")).isEqualTo(Path.of("/home/ann/.config/inferdeck"));
    }
}
