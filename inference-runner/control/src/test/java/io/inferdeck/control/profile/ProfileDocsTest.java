package io.inferdeck.control.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.control.profile.ProfileFiles.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps docs/profiles.md and docs/examples honest: every example must load and validate. */
class ProfileDocsTest {
    private static final Path DOCS = docs();
    private static final Pattern FENCE = Pattern.compile("```(json|yaml)\\n(.*?)```", Pattern.DOTALL);

    private record Example(Format format, String text) {
    }

    /** The repository's docs folder, found upwards from the module directory (modules sit at different depths). */
    private static Path docs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/profiles.md"))) {
                return dir.resolve("docs");
            }
        }
        throw new IllegalStateException("no docs/profiles.md above " + Path.of("").toAbsolutePath());
    }

    private static List<Example> examples() throws Exception {
        String md = Files.readString(DOCS.resolve("profiles.md"));
        List<Example> out = new ArrayList<>();
        Matcher m = FENCE.matcher(md);
        while (m.find()) {
            out.add(new Example(m.group(1).equals("json") ? Format.JSON : Format.YAML, m.group(2)));
        }
        return out;
    }

    @Test
    void everyExampleInProfilesMdLoadsAndHasNoErrors() throws Exception {
        List<Example> examples = examples();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(9);
        List<EngineKind> engines = new ArrayList<>();
        for (Example e : examples) {
            DeploymentProfile p = ProfileFiles.parse(e.text(), e.format(), "docs example " + e.text().lines().findFirst());
            assertThat(ProfileValidator.validate(p, OptionalInt.empty())).as(e.text())
                    .noneMatch(ProfileIssue::isError);
            engines.add(p.engine());
        }
        assertThat(engines).containsAll(EngineDrivers.defaults().kinds());
        assertThat(examples).extracting(Example::format).contains(Format.JSON, Format.YAML);
    }

    @Test
    void builtinTwoReplicasExample() throws Exception {
        DeploymentProfile p = ProfileFiles.load(DOCS.resolve("examples/builtin-2-replicas.json"));
        assertThat(p.engine()).isEqualTo(EngineKind.BUILTIN);
        assertThat(p.replicas()).isEqualTo(2);
        assertThat(p.model()).isNull(); // the built-in default model
        assertThat(ProfileValidator.validate(p, OptionalInt.empty())).isEmpty();
    }
}
