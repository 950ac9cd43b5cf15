package io.inferdeck.safety.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The held-out dev split (docs/safety/dev-split.md) stays what it was written to be: pinned by the SHA-256
 * recorded in that doc, in the spec's format and label set (docs/safety/dataset-spec.md), with enough
 * prompts per category in each language for a per-language figure to mean something.
 */
class DevSplitTest {
    static final String RESOURCE = "/io/inferdeck/safety/dev/dev-split.jsonl";
    /** Per harm category and language (issue 15's per-language recall needs a usable sample). */
    static final int MIN_PER_CATEGORY_AND_LANGUAGE = 30;
    /** Issue 15: a dev split of at least 600 prompts. */
    static final int MIN_TOTAL = 600;
    /** dataset-spec.md, "Mix and style": each language and the benign share. */
    static final double MIN_LANGUAGE_SHARE = 0.40;
    static final double MIN_BENIGN_SHARE = 0.45;
    static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]{3,}");

    record Prompt(int line, String text, String label, String lang) {}

    static byte[] bytes;
    static List<Prompt> prompts;
    static Path docs;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = DevSplitTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE + " on the classpath").isNotNull();
            bytes = in.readAllBytes();
        }
        docs = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/safety");
        prompts = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1 || line.startsWith("//")) {
                continue;
            }
            JsonNode o = json.readTree(line);
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as("keys on line %d", i + 1).containsExactlyInAnyOrder("text", "label", "lang");
            prompts.add(new Prompt(i + 1, o.get("text").asText(), o.get("label").asText(), o.get("lang").asText()));
        }
    }

    @Test
    void hashIsTheOneRecordedInTheDoc() throws Exception {
        Matcher m = Pattern.compile("SHA-256: `([0-9a-f]{64})`").matcher(Files.readString(docs.resolve("dev-split.md")));
        assertThat(m.find()).as("dev-split.md records a SHA-256").isTrue();
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(actual).as("the dev split changed: update docs/safety/dev-split.md deliberately").isEqualTo(m.group(1));
    }

    @Test
    void everyLineHasASpecLabelAndALanguageMatchingItsScript() throws IOException {
        Set<String> labels = new HashSet<>(specCategories());
        labels.add("benign");
        for (Prompt p : prompts) {
            assertThat(p.text()).as("text on line %d", p.line()).isNotBlank();
            assertThat(p.label()).as("label on line %d", p.line()).isIn(labels);
            boolean han = HAN.matcher(p.text()).find();
            boolean latin = LATIN_WORD.matcher(p.text()).find();
            switch (p.lang()) {
                case "en" -> assertThat(han).as("Chinese characters in an en line %d", p.line()).isFalse();
                case "zh" -> assertThat(han).as("no Chinese characters in zh line %d", p.line()).isTrue();
                case "mixed" -> assertThat(han && latin).as("mixed line %d uses both scripts", p.line()).isTrue();
                default -> throw new AssertionError("lang '" + p.lang() + "' on line " + p.line());
            }
        }
    }

    @Test
    void everyCategoryHasEnoughPromptsInEachLanguageAndTheMixIsTheSpecs() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        prompts.forEach(p -> counts.merge(p.label() + "/" + p.lang(), 1, Integer::sum));
        for (String category : specCategories()) {
            for (String lang : List.of("en", "zh")) {
                assertThat(counts.getOrDefault(category + "/" + lang, 0)).as(category + " in " + lang)
                        .isGreaterThanOrEqualTo(MIN_PER_CATEGORY_AND_LANGUAGE);
            }
        }
        int total = prompts.size();
        assertThat(total).isGreaterThanOrEqualTo(MIN_TOTAL);
        for (String lang : List.of("en", "zh")) {
            assertThat(prompts.stream().filter(p -> p.lang().equals(lang)).count()).as(lang + " share")
                    .isGreaterThanOrEqualTo((long) Math.ceil(MIN_LANGUAGE_SHARE * total));
        }
        assertThat(prompts.stream().filter(p -> p.label().equals("benign")).count()).as("benign share")
                .isGreaterThanOrEqualTo((long) Math.ceil(MIN_BENIGN_SHARE * total));
    }

    @Test
    void noTwoPromptsAreNearDuplicates() {
        List<int[]> grams = prompts.stream().map(p -> trigrams(p.text())).toList();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < grams.size(); i++) {
            for (int j = i + 1; j < grams.size(); j++) {
                if (jaccard(grams.get(i), grams.get(j)) > 0.6) {
                    pairs.add(prompts.get(i).line() + "~" + prompts.get(j).line());
                }
            }
        }
        assertThat(pairs).as("near-duplicate lines").isEmpty();
    }

    /** The harm labels of the spec's table: rows of the form {@code | `label` | ... |}. */
    static List<String> specCategories() throws IOException {
        Matcher m = Pattern.compile("(?m)^\\| `([a-z_]+)` \\|").matcher(Files.readString(docs.resolve("dataset-spec.md")));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        assertThat(out).as("categories in dataset-spec.md").hasSizeGreaterThanOrEqualTo(10).doesNotContain("benign");
        return out;
    }

    /**
     * Sorted distinct hashes of the character trigrams of the lower-cased text without punctuation and
     * spaces (works for Han too); hashes keep the all-pairs comparison a cheap merge.
     */
    static int[] trigrams(String text) {
        String t = text.toLowerCase().replaceAll("[\\p{P}\\p{S}\\s_]+", "");
        if (t.length() < 3) {
            return new int[] {t.hashCode()};
        }
        return IntStream.rangeClosed(0, t.length() - 3)
                .map(i -> t.substring(i, i + 3).hashCode()).distinct().sorted().toArray();
    }

    static double jaccard(int[] a, int[] b) {
        int common = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            int c = Integer.compare(a[i], b[j]);
            common += c == 0 ? 1 : 0;
            i += c <= 0 ? 1 : 0;
            j += c >= 0 ? 1 : 0;
        }
        return (double) common / (a.length + b.length - common);
    }
}
