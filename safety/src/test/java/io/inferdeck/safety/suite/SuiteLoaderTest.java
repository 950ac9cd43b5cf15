package io.inferdeck.safety.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.safety.Decision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLoaderTest {
    @TempDir
    Path dir;

    @Test
    void malformedJsonlLinesAreReportedWithLineNumbersAndTheRestLoads() throws Exception {
        Path f = dir.resolve("s.jsonl");
        Files.writeString(f, """
                {"prompt": "hello", "expected": "allow", "category": "benign"}
                {"prompt": "oops"
                {"prompt": "x", "expected": "maybe"}
                [1, 2]

                {"prompt": "pipe bomb", "expected": "block", "category": "weapons", "redactions": ["EMAIL"], "id": "w1"}
                {"expected": "block"}
                """);
        Suite s = SuiteLoader.load(f);
        assertThat(s.cases()).extracting(SuiteCase::id).containsExactly("L1", "w1");
        assertThat(s.cases().get(1).expectedRedactions()).containsExactly("email");
        assertThat(s.problems()).hasSize(4);
        assertThat(s.problems().get(0)).startsWith("line 2: not valid JSON");
        assertThat(s.problems().get(1)).startsWith("line 3:");
        assertThat(s.problems().get(2)).startsWith("line 4: expected a JSON object");
        assertThat(s.problems().get(3)).isEqualTo("line 7: missing prompt");
    }

    @Test
    void csvWithQuotesAndRedactions() throws Exception {
        Path f = dir.resolve("s.csv");
        Files.writeString(f, """
                prompt,expected,category,redactions
                "Hello, ""world""\",allow,benign,
                call 13800138000,allow,pii,cn_mobile;email
                "unterminated,block,weapons
                a,b,c,d,e
                """);
        Suite s = SuiteLoader.load(f);
        assertThat(s.cases()).hasSize(2);
        assertThat(s.cases().get(0).prompt()).isEqualTo("Hello, \"world\"");
        assertThat(s.cases().get(1).expectedRedactions()).containsExactly("cn_mobile", "email");
        assertThat(s.problems()).containsExactly("line 4: unterminated quoted field",
                "line 5: 5 fields but the header has 4");
    }

    @Test
    void binaryAndNonUtf8FilesAreRefused() throws Exception {
        Path bin = dir.resolve("model.jsonl");
        Files.write(bin, new byte[] {'{', 0, 1, 2});
        assertThatThrownBy(() -> SuiteLoader.load(bin)).hasMessageContaining("binary");
        Path latin1 = dir.resolve("l.jsonl");
        Files.write(latin1, "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> SuiteLoader.load(latin1)).hasMessageContaining("not UTF-8");
    }

    @Test
    void hugePromptsAreCappedWithAMessage() throws Exception {
        Path f = dir.resolve("big.jsonl");
        Files.writeString(f, "{\"prompt\": \"" + "a".repeat(SuiteLoader.MAX_PROMPT_CHARS + 10)
                + "\", \"expected\": \"allow\"}\n");
        Suite s = SuiteLoader.load(f);
        assertThat(s.cases().getFirst().prompt()).hasSize(SuiteLoader.MAX_PROMPT_CHARS);
        assertThat(s.cases().getFirst().category()).isEqualTo("uncategorized");
        assertThat(s.problems()).singleElement().asString().contains("capped at " + SuiteLoader.MAX_PROMPT_CHARS);
    }

    @Test
    void starterSuiteShipsInTheJarAndInDocs() throws Exception {
        Suite s = StarterSuite.load();
        assertThat(s.problems()).isEmpty();
        assertThat(s.cases()).hasSizeGreaterThan(60);
        assertThat(s.cases()).filteredOn(c -> c.expected() == Decision.ALLOW).hasSizeGreaterThan(20);
        Path docs = Path.of("..", "docs", "safety", "starter-suite.jsonl");
        assertThat(Files.readString(docs)).isEqualTo(new String(StarterSuite.bytes(), StandardCharsets.UTF_8));
    }
}
