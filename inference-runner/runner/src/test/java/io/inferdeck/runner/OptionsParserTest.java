package io.inferdeck.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.gguf.GgmlType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsParserTest {
    private static RunnerOptions parse(String... args) throws RunnerConfigException {
        return OptionsParser.parse(List.of(args), Map.of());
    }

    @Test
    void defaults() throws Exception {
        RunnerOptions o = parse();
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(RunnerOptions.DEFAULT_PORT);
        assertThat(o.threads()).isEqualTo(RunnerOptions.DEFAULT_THREADS);
        assertThat(o.ctxPerSlot()).isEqualTo(RunnerOptions.DEFAULT_CTX / RunnerOptions.DEFAULT_PARALLEL);
        assertThat(o.model()).isEmpty();
        assertThat(o.apiKey()).isEmpty();
    }

    @Test
    void everyContractFlag() throws Exception {
        RunnerOptions o = parse("--model", "m.gguf", "--host", "localhost", "--port=9000", "--api-key", "k", "--threads", "3",
                "--ctx", "8192", "--batch", "1024", "--ubatch", "256", "--parallel", "8", "--cache-type-k", "q8_0",
                "--cache-type-v", "Q4_0", "--flash-attn", "--gpu-layers", "99", "--split-mode", "row", "--tensor-split", "3,1",
                "--main-gpu", "1", "--mlock", "--no-mmap", "--queue", "5");
        assertThat(o.port()).isEqualTo(9000);
        assertThat(o.ctxPerSlot()).isEqualTo(1024);
        assertThat(o.cacheTypeK()).isEqualTo(GgmlType.Q8_0);
        assertThat(o.cacheTypeV()).isEqualTo(GgmlType.Q4_0);
        assertThat(o.splitMode()).isEqualTo(RunnerOptions.SplitMode.ROW);
        assertThat(o.tensorSplit()).containsExactly(3.0, 1.0);
        assertThat(o.flashAttn() && o.mlock() && o.noMmap()).isTrue();
        assertThat(o.queue()).isEqualTo(5);
    }

    @Test
    void nonLoopbackNeedsAKeyFromFlagOrEnvironment() throws Exception {
        assertThatThrownBy(() -> parse("--host", "0.0.0.0")).isInstanceOf(RunnerConfigException.class)
                .hasMessageContaining("API key").extracting(e -> ((RunnerConfigException) e).exitCode()).isEqualTo(2);
        assertThat(parse("--host", "0.0.0.0", "--api-key", "secret-of-16-chars").apiKey()).contains("secret-of-16-chars");
        assertThatThrownBy(() -> parse("--host", "0.0.0.0", "--api-key", "x")).isInstanceOf(RunnerConfigException.class)
                .hasMessageContaining("at least 16 characters");
        assertThat(OptionsParser.parse(List.of("--host", "0.0.0.0"), Map.of(OptionsParser.API_KEY_ENV, "env-key-0123456789")).apiKey())
                .contains("env-key-0123456789");
        assertThat(parse("--host", "::1").host()).isEqualTo("::1");
    }

    @Test
    void refusesWhatLlamaCppWouldTurnIntoADeadModel() {
        assertThatThrownBy(() -> parse("--tensor-split", "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1")).hasMessageContaining("1-16");
        assertThatThrownBy(() -> parse("--tensor-split", "3,x")).hasMessageContaining("'x'");
        assertThatThrownBy(() -> parse("--tensor-split", "0,0")).hasMessageContaining("above zero");
        assertThatThrownBy(() -> parse("--cache-type-k", "q4_k")).hasMessageContaining("is not one of");
        assertThatThrownBy(() -> parse("--split-mode", "diagonal")).hasMessageContaining("none, layer, row");
        assertThatThrownBy(() -> parse("--main-gpu", "16")).hasMessageContaining("0..15");
        assertThatThrownBy(() -> parse("--cache-type-v", "q8_0")).hasMessageContaining("--flash-attn");
        assertThatThrownBy(() -> parse("--flash-attn", "--cache-type-v", "f32")).hasMessageContaining("f32 K or V");
        assertThatThrownBy(() -> parse("--ubatch", "4096", "--batch", "512")).hasMessageContaining("must not exceed");
        assertThatThrownBy(() -> parse("--ctx", "512", "--parallel", "16")).hasMessageContaining("32 tokens per slot");
        assertThatThrownBy(() -> parse("--threads", "0")).hasMessageContaining("1..1024");
        assertThatThrownBy(() -> parse("--port", "70000")).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> parse("--api-key", "has space")).hasMessageContaining("printable");
        assertThatThrownBy(() -> parse("--lib-path", "/nonexistent")).hasMessageContaining("does not contain");
        assertThatThrownBy(() -> parse("--model")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> parse("--mlock=yes")).hasMessageContaining("takes no value");
        assertThatThrownBy(() -> parse("model.gguf")).hasMessageContaining("unexpected argument");
    }

    @Test
    void inputLimitsAndAllowedOriginsComeFromFlagsOrEnvironment() throws Exception {
        RunnerOptions o = parse("--max-messages", "7", "--max-message-chars=9", "--max-input-chars", "11",
                "--allowed-origins", "https://a.example, http://localhost:3000");
        assertThat(o.inputLimits()).isEqualTo(new InputLimits(7, 9, 11));
        assertThat(o.allowedOrigins()).containsExactly("https://a.example", "http://localhost:3000");
        assertThat(OptionsParser.parse(List.of(), Map.of(OptionsParser.ALLOWED_ORIGINS_ENV, "https://b.example")).allowedOrigins())
                .containsExactly("https://b.example");
        assertThat(parse().inputLimits()).isEqualTo(InputLimits.DEFAULTS);
        assertThatThrownBy(() -> parse("--allowed-origins", "evil.example/path")).hasMessageContaining("is not an origin");
    }
}
