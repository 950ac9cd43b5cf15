package io.inferdeck.tuning.quant;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.GgufTensorInfo;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * llama.cpp's per-tensor rules (llama_tensor_get_type) on an 8-layer llama model. Expected layers are
 * worked out by hand from llama-quant.cpp: use_more_bits(i, 8) holds for i < 1, i ≥ 7 and (i − 1) % 3 == 2,
 * i.e. layers 0, 3, 6, 7.
 */
class TensorTypePlanTest {
    private static final Set<Integer> MORE_BITS = Set.of(0, 3, 6, 7);
    @TempDir
    static Path dir;
    static GgufFile eight;
    static GgufFile tiny;

    @BeforeAll
    static void models() throws Exception {
        ModelGenerator.write(KMixFixture.EIGHT_LAYERS, GgmlType.F32, dir.resolve("eight.gguf"));
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.F32, dir.resolve("tiny.gguf"));
        eight = GgufReader.read(dir.resolve("eight.gguf"));
        tiny = GgufReader.read(dir.resolve("tiny.gguf"));
    }

    private static GgmlType type(GgufFile f, QuantMix mix, boolean pure, String name) {
        GgufTensorInfo t = f.tensor(name).orElseThrow();
        return new TensorTypePlan(f, mix, pure).typeOf(t);
    }

    @Test
    void q4KMGivesSixBitsToAttnVAndFfnDownInTheSensitiveLayersAndQ6KToTheOutput() {
        for (int i = 0; i < 8; i++) {
            GgmlType bumped = MORE_BITS.contains(i) ? GgmlType.Q6_K : GgmlType.Q4_K;
            assertThat(type(eight, QuantMix.Q4_K_M, false, "blk." + i + ".attn_v.weight")).as("attn_v %d", i).isEqualTo(bumped);
            assertThat(type(eight, QuantMix.Q4_K_M, false, "blk." + i + ".ffn_down.weight")).as("ffn_down %d", i).isEqualTo(bumped);
            assertThat(type(eight, QuantMix.Q4_K_M, false, "blk." + i + ".attn_q.weight")).isEqualTo(GgmlType.Q4_K);
            assertThat(type(eight, QuantMix.Q5_K_M, false, "blk." + i + ".ffn_down.weight")).isEqualTo(
                    MORE_BITS.contains(i) ? GgmlType.Q6_K : GgmlType.Q5_K);
        }
        assertThat(type(eight, QuantMix.Q4_K_M, false, "output.weight")).isEqualTo(GgmlType.Q6_K);
        assertThat(type(eight, QuantMix.Q4_K_M, false, "token_embd.weight")).isEqualTo(GgmlType.Q4_K);
        assertThat(type(eight, QuantMix.Q4_K_M, false, "blk.0.attn_norm.weight")).isEqualTo(GgmlType.F32);
    }

    @Test
    void q3AndQ4SmallMediumLargeFollowTheirOwnRules() {
        for (int i = 0; i < 8; i++) {
            String p = "blk." + i + ".";
            assertThat(type(eight, QuantMix.Q3_K_M, false, p + "attn_v.weight")).isEqualTo(i < 2 ? GgmlType.Q5_K : GgmlType.Q4_K);
            assertThat(type(eight, QuantMix.Q3_K_M, false, p + "ffn_down.weight")).isEqualTo(GgmlType.Q4_K); // 8/16 = 0 layers get Q5_K
            assertThat(type(eight, QuantMix.Q3_K_M, false, p + "attn_output.weight")).isEqualTo(GgmlType.Q4_K);
            assertThat(type(eight, QuantMix.Q3_K_L, false, p + "attn_output.weight")).isEqualTo(GgmlType.Q5_K);
            assertThat(type(eight, QuantMix.Q3_K_S, false, p + "attn_v.weight")).isEqualTo(GgmlType.Q3_K);
            assertThat(type(eight, QuantMix.Q4_K_S, false, p + "attn_v.weight")).isEqualTo(i < 4 ? GgmlType.Q5_K : GgmlType.Q4_K);
            assertThat(type(eight, QuantMix.Q4_K_S, false, p + "ffn_down.weight")).isEqualTo(i < 1 ? GgmlType.Q5_K : GgmlType.Q4_K);
            assertThat(type(eight, QuantMix.Q2_K, false, p + "attn_v.weight")).isEqualTo(GgmlType.Q4_K); // gqa 4
            assertThat(type(eight, QuantMix.Q2_K, false, p + "ffn_down.weight")).isEqualTo(GgmlType.Q3_K);
            assertThat(type(eight, QuantMix.Q2_K, false, p + "ffn_up.weight")).isEqualTo(GgmlType.Q2_K);
        }
        assertThat(type(eight, QuantMix.Q6_K, false, "output.weight")).isEqualTo(GgmlType.Q6_K);
        assertThat(type(eight, QuantMix.Q8_0, false, "output.weight")).isEqualTo(GgmlType.Q8_0);
    }

    @Test
    void legacyLowBitTargetsKeepTheOutputAtQ6KUnlessPure() {
        for (QuantMix m : new QuantMix[] {QuantMix.Q4_0, QuantMix.Q4_1, QuantMix.Q5_0}) {
            assertThat(type(eight, m, false, "output.weight")).as(m.name()).isEqualTo(GgmlType.Q6_K);
            assertThat(type(eight, m, true, "output.weight")).as(m.name()).isEqualTo(m.base());
            assertThat(type(eight, m, false, "blk.0.ffn_down.weight")).as(m.name()).isEqualTo(m.base());
        }
        for (String name : new String[] {"output.weight", "blk.0.attn_v.weight", "blk.3.ffn_down.weight"}) {
            assertThat(type(eight, QuantMix.Q4_K_M, true, name)).as(name).isEqualTo(GgmlType.Q4_K);
        }
    }

    @Test
    void rowsThatDoNotFillSuperBlocksFallBackLikeLlamaCpp() {
        // The tiny model's rows are 64 (and 128 for ffn_down) values: no k-quant fits.
        assertThat(type(tiny, QuantMix.Q4_K_S, false, "blk.0.attn_q.weight")).isEqualTo(GgmlType.Q5_0);
        assertThat(type(tiny, QuantMix.Q5_K_S, false, "blk.0.attn_q.weight")).isEqualTo(GgmlType.Q5_1);
        assertThat(type(tiny, QuantMix.Q6_K, false, "blk.0.attn_q.weight")).isEqualTo(GgmlType.Q8_0);
        assertThat(type(tiny, QuantMix.Q3_K_S, false, "blk.0.attn_q.weight")).isEqualTo(GgmlType.Q4_0);
        assertThat(type(tiny, QuantMix.Q2_K, false, "blk.0.attn_q.weight")).isEqualTo(GgmlType.Q4_0);
        // 2 layers: use_more_bits picks layer 1 only (i >= 7·2/8); its Q6_K bump then falls back to Q8_0.
        assertThat(type(tiny, QuantMix.Q4_K_M, false, "blk.0.ffn_down.weight")).isEqualTo(GgmlType.Q5_0);
        assertThat(type(tiny, QuantMix.Q4_K_M, false, "blk.1.ffn_down.weight")).isEqualTo(GgmlType.Q8_0);
        assertThat(type(tiny, QuantMix.Q4_K_M, false, "output.weight")).isEqualTo(GgmlType.Q8_0);
        assertThat(type(tiny, QuantMix.Q4_0, false, "output.weight")).isEqualTo(GgmlType.Q8_0);
    }
}
