package io.inferdeck.styles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checks the theme layering by reading the CSS text itself: a typo in a colour name fails here, not as a grey UI. */
class ThemeStylesheetsTest {

    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern DEFINITION = Pattern.compile("(-deck-[a-z0-9-]+)\\s*:");
    private static final Pattern REFERENCE = Pattern.compile("-deck-[a-z0-9-]++(?!\\s*:)");
    private static final Pattern COLOUR_LITERAL = Pattern.compile("#[0-9a-fA-F]{3,8}\\b|rgba?\\(|hsba?\\(");

    @ParameterizedTest
    @EnumSource(Theme.class)
    void everyStylesheetResolvesAndIsNotEmpty(Theme theme) throws IOException {
        assertThat(theme.stylesheets()).hasSameSizeAs(theme.stylesheetNames()).allSatisfy(url -> assertThat(url).endsWith(".css"));
        for (String name : theme.stylesheetNames()) {
            assertThat(read(name)).as(name).contains("{");
        }
    }

    @ParameterizedTest
    @EnumSource(Theme.class)
    void everyLookedUpColourUsedIsDefinedInTheTheme(Theme theme) throws IOException {
        Set<String> defined = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        for (String name : theme.stylesheetNames()) {
            String css = read(name);
            defined.addAll(matches(DEFINITION, css));
            Matcher m = REFERENCE.matcher(css);
            while (m.find()) {
                used.add(m.group());
            }
        }
        assertThat(used).as("references in %s", theme).isNotEmpty();
        assertThat(defined).as("%s defines every -deck- colour it uses", theme).containsAll(used);
    }

    @Test
    void lightAndDarkDefineTheSameTokens() throws IOException {
        Set<String> light = matches(DEFINITION, read("tokens-light.css"));
        Set<String> dark = matches(DEFINITION, read("tokens-dark.css"));
        assertThat(light).hasSizeGreaterThan(20).isEqualTo(dark);
    }

    @Test
    void colourLiteralsLiveOnlyInThePalette() throws IOException {
        Map<String, Boolean> literalByFile = new LinkedHashMap<>();
        for (String name : Theme.DARK.stylesheetNames()) {
            literalByFile.put(name, COLOUR_LITERAL.matcher(read(name)).find());
        }
        literalByFile.put("tokens-light.css", COLOUR_LITERAL.matcher(read("tokens-light.css")).find());
        assertThat(literalByFile).containsEntry("palette.css", true);
        literalByFile.remove("palette.css");
        assertThat(literalByFile).as("files with colour literals").doesNotContainValue(true);
    }

    @Test
    void componentsUseTokensNotPaletteSteps() throws IOException {
        Set<String> palette = matches(DEFINITION, read("palette.css"));
        for (String name : Theme.COMPONENTS) {
            Matcher m = REFERENCE.matcher(read(name));
            while (m.find()) {
                assertThat(palette).as("%s uses palette step %s directly", name, m.group()).doesNotContain(m.group());
            }
        }
    }

    @Test
    void themeIdsRoundTripAndUnknownIdsAreEmpty() {
        for (Theme theme : Theme.values()) {
            assertThat(Theme.fromId(theme.id())).contains(theme);
            assertThat(theme.toggled().toggled()).isEqualTo(theme);
            assertThat(theme.toggled()).isNotEqualTo(theme);
        }
        assertThat(Theme.fromId(" DARK ")).contains(Theme.DARK);
        assertThat(Theme.fromId("solarized")).isEmpty();
        assertThat(Theme.fromId(null)).isEmpty();
    }

    private static Set<String> matches(Pattern pattern, String css) {
        Set<String> out = new TreeSet<>();
        Matcher m = pattern.matcher(css);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Stylesheet text with comments removed. */
    private static String read(String name) throws IOException {
        try (InputStream in = Theme.resource(name).openStream()) {
            return COMMENT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8)).replaceAll(" ");
        }
    }
}
