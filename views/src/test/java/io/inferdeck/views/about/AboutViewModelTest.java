package io.inferdeck.views.about;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.common.plugin.PluginEntry;
import io.inferdeck.services.about.AboutInfo;
import io.inferdeck.services.about.AboutService;
import io.inferdeck.services.about.VersionFacts;
import io.inferdeck.services.models.FileManager;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.ImmediateDispatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Open goes through the service on the worker (the folder created first) and reports back; only the dialog's folders open. */
class AboutViewModelTest {
    @TempDir
    Path dir;
    private final List<Path> opened = new ArrayList<>();

    private AboutViewModel vm(FileManager files) {
        AboutInfo info = new AboutInfo(new VersionFacts("1.0", "abc", "b1 (commit def)", "25"),
                List.of(new AboutInfo.Folder("Data", dir.resolve("data"))),
                List.of(new PluginEntry("p", Optional.of("2"), "engine", "toy", "/x/p.jar", PluginEntry.State.ENABLED, Optional.empty())));
        return new AboutViewModel(new AboutService(info, files), BackgroundExecutor.sameThread(), ImmediateDispatcher.create());
    }

    private final FileManager recording = new FileManager() {
        @Override
        public boolean supported() {
            return true;
        }

        @Override
        public void reveal(Path file) {
            throw new AssertionError("folders are opened, not revealed");
        }

        @Override
        public void openFolder(Path folder) {
            opened.add(folder);
        }
    };

    @Test
    void opensAFolderThroughTheServiceCreatingItFirst() {
        AboutViewModel vm = vm(recording);
        assertThat(vm.versionLines()).containsExactly("InferDeck 1.0", "git commit abc", "llama.cpp b1 (commit def)", "Java 25");
        assertThat(vm.plugins()).extracting(PluginEntry::provides).containsExactly("toy");
        assertThat(vm.canOpenFolders()).isTrue();

        vm.open(vm.folders().getFirst());

        assertThat(opened).containsExactly(dir.resolve("data"));
        assertThat(Files.isDirectory(dir.resolve("data"))).isTrue();
        assertThat(vm.messageProperty().get()).isEqualTo("Opened " + dir.resolve("data"));
    }

    @Test
    void aDesktopWithoutFileManagerOrAForeignFolderIsReportedNotOpened() throws IOException {
        AboutViewModel none = vm(FileManager.NONE);
        assertThat(none.canOpenFolders()).isFalse();
        none.open(none.folders().getFirst());
        assertThat(none.messageProperty().get()).startsWith("Could not open " + dir.resolve("data") + ": this desktop has no file manager");

        AboutViewModel vm = vm(recording);
        vm.open(new AboutInfo.Folder("Home", dir));
        assertThat(opened).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo("Could not open " + dir + ": not one of InferDeck's folders: " + dir);
    }
}
