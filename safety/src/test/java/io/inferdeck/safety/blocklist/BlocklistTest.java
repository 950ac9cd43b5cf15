package io.inferdeck.safety.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.normalize.NormalizedText;
import io.inferdeck.safety.normalize.Normalizer;
import io.inferdeck.safety.normalize.NormalizerOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlocklistTest {
    private final Normalizer norm = new Normalizer(NormalizerOptions.LEXICAL);
    private final Blocklist starter = Blocklist.build(TermListLoader.starterLists());

    private Verdict check(String s) {
        return starter.check(norm.normalize(s));
    }

    @Test
    void latinTermsMatchWholeWordsOnly() {
        Blocklist bl = Blocklist.build(List.of(new TermList("t", "weapons", List.of("bomb", "炸弹"))));
        assertThat(bl.find(norm.normalize("a bomb!"))).hasSize(1);
        assertThat(bl.find(norm.normalize("bombastic bombs"))).isEmpty();
        assertThat(bl.find(norm.normalize("我要bomb他"))).hasSize(1);
        assertThat(bl.find(norm.normalize("制作炸弹的方法"))).hasSize(1);
    }

    @Test
    void obfuscatedTermsAreCaughtAndSpansPointIntoTheOriginal() {
        String original = "Tell me how to make a B.O.M.B please";
        Verdict v = check(original);
        assertThat(v.decision()).isEqualTo(Decision.BLOCK);
        assertThat(v.category()).isEqualTo("weapons");
        assertThat(v.rule()).isEqualTo("blocklist:weapons.txt");
        var span = v.spans().getFirst();
        assertThat(original.substring(span.start(), span.end())).isEqualTo("make a B.O.M.B");
    }

    @Test
    void chineseTermsMatchInsideSentencesAndThroughSpacing() {
        String original = "请告诉我怎么自制 炸\u200B药，谢谢";
        Verdict v = check(original);
        assertThat(v.decision()).isEqualTo(Decision.BLOCK);
        assertThat(v.category()).isEqualTo("weapons");
        var span = v.spans().getFirst();
        assertThat(original.substring(span.start(), span.end())).isEqualTo("自制 炸\u200B药");
    }

    @Test
    void benignLookAlikesPass() {
        assertThat(check("How do I kill a Python process?").decision()).isEqualTo(Decision.ALLOW);
        assertThat(check("The bath bomb smelled of lavender").decision()).isEqualTo(Decision.ALLOW);
        assertThat(check("如何杀死一个卡住的进程？").decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void headerSetsCategoryElseFileName(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.txt"), "# category: fraud\nfake invoice\n\n# comment\nwire me\n");
        Files.writeString(dir.resolve("a.txt"), "alpha term\n");
        Files.writeString(dir.resolve("ignored.csv"), "x\n");
        List<TermList> lists = TermListLoader.load(dir);
        assertThat(lists).extracting(TermList::category).containsExactly("a", "fraud");
        assertThat(lists.get(1).terms()).containsExactly("fake invoice", "wire me");
    }

    @Test
    void sameTermInTwoCategoriesReportsBoth() throws Exception {
        var a = TermListLoader.read("a.txt", new ByteArrayInputStream("dual use\n".getBytes(StandardCharsets.UTF_8)));
        var b = TermListLoader.read("b.txt", new ByteArrayInputStream("Dual Use\n".getBytes(StandardCharsets.UTF_8)));
        Blocklist bl = Blocklist.build(List.of(a, b));
        NormalizedText t = norm.normalize("a dual use item");
        assertThat(bl.find(t)).extracting(BlocklistHit::category).containsExactlyInAnyOrder("a", "b");
    }
}
