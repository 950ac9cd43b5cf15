package io.inferdeck.tuning.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZipfPromptsTest {

    /** How often each distinct prompt is asked in the drawn sequence, by rank (0 = the most popular). */
    private static int[] frequencies(PromptSet set, int distinct) {
        Map<String, Integer> rankOf = new HashMap<>();
        for (int k = 0; k < distinct; k++) {
            rankOf.put("Question " + (k + 1) + ":", k);
        }
        int[] counts = new int[distinct];
        for (Prompt p : set.prompts()) {
            String text = p.messages().getFirst().content();
            counts[rankOf.get(text.substring(0, text.indexOf(':') + 1))]++;
        }
        return counts;
    }

    @Test
    void rankFrequenciesFallWithRankAsTheExponentSays() {
        PromptSet set = ZipfPrompts.of(50, 1.0, 7);
        assertThat(set.prompts()).hasSize(ZipfPrompts.DRAWS);
        int[] f = frequencies(set, 50);
        for (int k = 0; k < 4; k++) {
            assertThat(f[k]).as("rank %d above rank %d", k + 1, k + 2).isGreaterThan(f[k + 1]);
        }
        // s = 1: rank 1 is asked about twice as often as rank 2 and 10 times as often as rank 10 (within sampling noise)
        assertThat((double) f[0] / f[1]).isBetween(1.7, 2.3);
        assertThat((double) f[0] / f[9]).isBetween(7.0, 14.0);
        assertThat(f[0] + f[1] + f[2] + f[3] + f[4]).as("head of the distribution").isGreaterThan(f[45] + f[46] + f[47] + f[48] + f[49]);
        int[] steep = frequencies(ZipfPrompts.of(50, 2.0, 7), 50);
        assertThat(steep[0]).as("a larger exponent concentrates on the top rank").isGreaterThan(f[0]);
    }

    @Test
    void theSequenceIsFixedByTheSeed() {
        List<Prompt> a = ZipfPrompts.of(100, 1.1, 3).prompts();
        assertThat(ZipfPrompts.of(100, 1.1, 3).prompts()).isEqualTo(a);
        assertThat(ZipfPrompts.of(100, 1.1, 4).prompts()).isNotEqualTo(a);
    }

    @Test
    void promptsAreDistinctAndGreedy() {
        PromptSet set = ZipfPrompts.of(20, 1.0, 1);
        assertThat(set.prompts().stream().distinct().count()).isLessThanOrEqualTo(20).isGreaterThan(10);
        assertThat(set.prompts()).allSatisfy(p -> assertThat(p.temperature()).hasValue(0.0));
        assertThat(set.name()).isEqualTo("zipf:20:1.0:1");
    }

    @Test
    void distinctSetsNeverRepeatAPromptAndDisjointRangesShareNone() {
        PromptSet a = ZipfPrompts.distinct(1, 500);
        PromptSet b = ZipfPrompts.distinct(501, 500);
        assertThat(a.name()).isEqualTo("distinct:1..500");
        assertThat(a.prompts().stream().distinct().count()).isEqualTo(500);
        assertThat(a.prompts()).doesNotContainAnyElementsOf(b.prompts());
        // the same questions as the Zipf set's: ranks 1..N of zipf:N are distinct:1..N
        assertThat(a.prompts()).containsAll(ZipfPrompts.of(500, 1.0, 1).prompts());
        assertThatThrownBy(() -> ZipfPrompts.distinct(0, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namedSpecsChooseTheSet() throws Exception {
        assertThat(PromptSet.named("zipf:30:0.9").name()).isEqualTo("zipf:30:0.9:1");
        assertThat(PromptSet.named("zipf:30:0.9:5").prompts()).isEqualTo(ZipfPrompts.of(30, 0.9, 5).prompts());
        assertThat(PromptSet.named("short")).isEqualTo(PromptSet.builtInShort());
        assertThat(PromptSet.named("mix")).isEqualTo(PromptSet.builtIn());
        assertThatThrownBy(() -> PromptSet.named("zipf:30")).hasMessageContaining("zipf:N:S");
        assertThatThrownBy(() -> PromptSet.named("zipf:x:1")).hasMessageContaining("zipf:N:S");
        assertThatThrownBy(() -> PromptSet.named("zipf:30:0")).hasMessageContaining("exponent");
    }
}
