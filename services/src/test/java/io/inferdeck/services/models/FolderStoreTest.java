package io.inferdeck.services.models;

import static io.inferdeck.services.models.ModelFixtures.split;
import static io.inferdeck.services.models.ModelFixtures.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderStoreTest {
    @TempDir
    Path root;

    private ModelStore.Listing list(int depth, ScanLimits limits) {
        return new FolderStore("LM Studio", () -> List.of(root), depth).list(limits);
    }

    private static List<String> names(ModelStore.Listing l) {
        return l.found().stream().map(ModelStore.Found::name).toList();
    }

    @Test
    void namesModelsByTheirPathBelowTheRootAsLmStudioLaysThemOut() throws IOException {
        tiny(root.resolve("lmstudio-community/Tiny-GGUF/tiny-Q8_0.gguf"));
        tiny(root.resolve("top.gguf"));
        Files.writeString(root.resolve("lmstudio-community/Tiny-GGUF/README.md"), "not a model");

        ModelStore.Listing l = list(3, ScanLimits.DEFAULT);

        assertThat(names(l)).containsExactlyInAnyOrder("lmstudio-community/Tiny-GGUF/tiny-Q8_0.gguf", "top.gguf");
        assertThat(l.found()).allSatisfy(f -> assertThat(f.problem()).isEmpty());
        assertThat(l.roots()).containsExactly(root);
    }

    @Test
    void groupsThePartsOfASplitModelAndNamesWhatIsMissing() throws IOException {
        List<Path> whole = split(root.resolve("a"), "big", 3);
        List<Path> broken = split(root.resolve("b"), "gap", 3);
        Files.delete(broken.get(1));

        ModelStore.Listing l = list(3, ScanLimits.DEFAULT);

        assertThat(l.found()).hasSize(2);
        ModelStore.Found ok = l.found().stream().filter(f -> f.name().equals("a/big.gguf")).findFirst().orElseThrow();
        assertThat(ok.parts()).containsExactlyElementsOf(whole);
        assertThat(ok.problem()).isEmpty();
        ModelStore.Found gap = l.found().stream().filter(f -> f.name().equals("b/gap.gguf")).findFirst().orElseThrow();
        assertThat(gap.problem()).contains("split model: part 2 of 3 missing");
    }

    @Test
    void followsLinksListsEachFileOnceAndReportsADanglingLink() throws IOException {
        Path real = tiny(root.resolve("store/real.gguf"));
        Files.createDirectories(root.resolve("links"));
        Files.createSymbolicLink(root.resolve("links/alias.gguf"), real);
        Files.createSymbolicLink(root.resolve("links/gone.gguf"), root.resolve("store/deleted.gguf"));
        Files.createSymbolicLink(root.resolve("links/loop"), root);           // a cycle must not be walked forever

        ModelStore.Listing l = list(6, ScanLimits.DEFAULT);

        assertThat(names(l)).containsExactlyInAnyOrder("links/alias.gguf", "links/gone.gguf");
        assertThat(l.found().stream().filter(f -> f.name().equals("links/gone.gguf")).findFirst().orElseThrow().problem())
                .contains("link to a file that no longer exists");
    }

    @Test
    void staysWithinTheDepthAndEntryBoundsAndSaysWhenItStopped() throws IOException {
        tiny(root.resolve("one/shallow.gguf"));
        tiny(root.resolve("one/two/three/deep.gguf"));
        Files.createDirectories(root.resolve(".hidden"));
        tiny(root.resolve(".hidden/secret.gguf"));

        assertThat(names(list(2, ScanLimits.DEFAULT))).containsExactly("one/shallow.gguf");
        assertThat(names(list(8, ScanLimits.DEFAULT))).containsExactlyInAnyOrder("one/shallow.gguf", "one/two/three/deep.gguf");

        ModelStore.Listing bounded = list(8, new ScanLimits(8, 3));
        assertThat(bounded.notes()).anySatisfy(n -> assertThat(n).startsWith("stopped after 3 entries in " + root));
        assertThat(bounded.found()).hasSizeLessThan(2);
    }

    @Test
    void aMissingFolderIsAnEmptyListingNotAnError() {
        ModelStore.Listing l = new FolderStore("llama.cpp cache", () -> List.of(root.resolve("absent")), 1).list(ScanLimits.DEFAULT);

        assertThat(l.found()).isEmpty();
        assertThat(l.notes()).isEmpty();
        assertThat(l.roots()).containsExactly(root.resolve("absent"));
    }

    @Test
    void okAndBadFoundsKeepTheirParts() {
        assertThat(ModelStore.Found.bad("x", root, "why").problem()).isEqualTo(Optional.of("why"));
    }
}
