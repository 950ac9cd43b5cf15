package io.inferdeck.safety.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.safety.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalizerTest {
    private final Normalizer lexical = new Normalizer(NormalizerOptions.LEXICAL);
    private final Normalizer light = new Normalizer(NormalizerOptions.LIGHT);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ＨＯＷ ＴＯ ＢＵＩＬＤ Ａ ＢＯＭＢ|how to build a bomb",
        "k\u200Bi\u200Cl\u200Dl the process|kill the process",
        "how to k i l l someone|how to kill someone",
        "b.o.m.b making|bomb making",
        "h0w t0 m4k3 m3th|how to make meth",
        "k 1 l l|kill",
        "在2024年|在2024年",
        "如何制作炸 弹|如何制作炸弹",
        "制作\u3000炸\u200B药|制作炸药",
        "ﬁle ①|file 1",
        "Straße KELVIN\u212A|straße kelvink",
        "kill!|kill!",
        "pay 100$ now|pay 100$ now",
    })
    void normalizesObfuscations(String in, String expected) {
        assertThat(lexical.normalize(in).text()).isEqualTo(expected);
    }

    @Test
    void ordinaryProseIsNotCollapsed() {
        String s = "I am a big fan of C++ and a b-tree or two";
        assertThat(lexical.normalize(s).text()).isEqualTo(s.toLowerCase());
    }

    @Test
    void spansMapBackIntoTheOriginal() {
        String original = "Please Ｂ\u200BＯＭＢ it";
        NormalizedText n = lexical.normalize(original);
        int at = n.text().indexOf("bomb");
        assertThat(at).isPositive();
        Span span = n.toOriginal(at, at + 4, "x");
        assertThat(original.substring(span.start(), span.end())).isEqualTo("Ｂ\u200BＯＭＢ");
    }

    @Test
    void decomposedAccentsComposeAndMapToBothChars() {
        String original = "cafe\u0301!";
        NormalizedText n = lexical.normalize(original);
        assertThat(n.text()).isEqualTo("café!");
        assertThat(n.toOriginal(3, 4, "e").end()).isEqualTo(5);
        assertThat(n.toOriginal(4, 5, "!").start()).isEqualTo(5);
    }

    @Test
    void lightKeepsDigitsAndCaseButFoldsFullWidth() {
        NormalizedText n = light.normalize("Call １３８ 0013 8000, Bob");
        assertThat(n.text()).isEqualTo("Call 138 0013 8000, Bob");
        assertThat(n.toOriginal(5, 8, "d").start()).isEqualTo(5);
    }

    @Test
    void supplementaryCharactersSurvive() {
        String s = "𝐤𝐢𝐥𝐥 now 😀";
        NormalizedText n = lexical.normalize(s);
        assertThat(n.text()).isEqualTo("kill now 😀");
        Span kill = n.toOriginal(0, 4, "k");
        assertThat(s.substring(kill.start(), kill.end())).isEqualTo("𝐤𝐢𝐥𝐥");
    }

    @Test
    void identityMapsOneToOne() {
        NormalizedText n = NormalizedText.identity("abc");
        assertThat(n.toOriginal(1, 3, "x")).isEqualTo(new Span(1, 3, "x"));
    }
}
