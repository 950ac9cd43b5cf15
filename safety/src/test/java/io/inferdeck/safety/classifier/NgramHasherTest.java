package io.inferdeck.safety.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NgramHasherTest {
    @Test
    void gramsAreHanCharacterNgramsLatinWordsTheirFourGramsAndWordBigrams() {
        assertThat(NgramHasher.grams("kill 进程 now")).containsExactly(
                "wkill", "k<kil", "kkill", "kill>", "c进", "c程", "c进程", "wnow", "bkill now");
        assertThat(NgramHasher.grams("炸弹怎么做")).contains("c炸弹", "c弹怎", "c炸弹怎").doesNotContain("c炸弹怎么");
    }

    @Test
    void bucketsAreCrc32OfTheGramModuloTheBucketCountAsStoredHeadsExpect() {
        // values from an independent implementation (Python zlib.crc32(gram.encode()) % 65536): stored heads depend on
        // this layout, so changing the hash or the gram prefixes must fail here
        NgramHasher h = new NgramHasher(16);
        assertThat(h.features("kill").index()).contains(17079, 12036);
        assertThat(h.features("进程").index()).contains(17381);
        assertThat(h.features("kill it").index()).contains(53246);
    }

    @Test
    void featuresAreDistinctAscendingAndUnitLength() {
        SparseFeatures f = new NgramHasher(16).features("Kill kill KILL the process, 杀掉进程 杀掉进程");
        double norm = 0;
        for (float v : f.value()) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        for (int i = 1; i < f.size(); i++) {
            assertThat(f.index()[i]).isGreaterThan(f.index()[i - 1]);
        }
        assertThat(java.util.Arrays.stream(f.index()).allMatch(i -> i >= 0 && i < 65536)).isTrue();
        assertThat(new NgramHasher(16).features("  ,,, ").size()).isZero();
    }

    @Test
    void refusesBucketCountsOutsideTheSupportedRange() {
        assertThatThrownBy(() -> new NgramHasher(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NgramHasher(30)).isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(new NgramHasher(8).dims(), new NgramHasher(16).dims())).containsExactly(256, 65536);
    }
}
