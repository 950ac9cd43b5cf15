package io.inferdeck.control.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.control.launch.BinaryResolver;
import io.inferdeck.control.launch.LaunchCommand;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.launch.LaunchPlanner;
import io.inferdeck.control.metrics.EngineFlavor;
import io.inferdeck.control.metrics.EngineMetrics;
import io.inferdeck.control.metrics.MetricsNormalizer;
import io.inferdeck.control.metrics.ParsedMetrics;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that an engine is one driver plus its registration: "fakeserve" is rendered, validated,
 * measured and recognised on a /metrics page by the unchanged planner, validator and normalizer.
 */
class FakeEngineDriverTest {
    private final EngineDrivers drivers = EngineDrivers.defaults().with(new FakeEngineDriver());

    @TempDir
    Path dir;

    private static DeploymentProfile.Builder fake() {
        return DeploymentProfile.builder().engine(FakeEngineDriver.KIND).name("f").model("/m/f.bin").ctx(1024);
    }

    @Test
    void theRegistryDecidesWhichEnginesExist() {
        assertThat(drivers.kind("fakeserve")).isEqualTo(FakeEngineDriver.KIND);
        assertThat(drivers.allowed()).isEqualTo("builtin, llama-server, vllm, remote, sglang, ollama, tgi, fakeserve");
        assertThatThrownBy(() -> EngineDrivers.defaults().kind("fakeserve")).hasMessageContaining("unknown engine");
    }

    @Test
    void rendersOneCommandPerReplica() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("fakeserve"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(bin.resolve("fakeserve"), PosixFilePermissions.fromString("rwxr-xr-x"));
        LaunchContext ctx = LaunchContext.forThisJvm().withBinaries(new BinaryResolver(bin.toString())).withDrivers(drivers);

        List<LaunchCommand> commands = LaunchPlanner.render(fake().gpus(List.of(0, 1)).replicas(2).parallel(4)
                .cacheTypeK("int8").port(7000).build(), ctx);
        assertThat(commands).hasSize(2);
        assertThat(commands.get(1).argv()).containsExactly(bin.resolve("fakeserve").toString(), "--model", "/m/f.bin",
                "--context", "1024", "--slots", "4", "--kv", "int8", "--listen", "127.0.0.1:7001");
        assertThat(commands.get(1).env()).containsExactly(Map.entry("CUDA_VISIBLE_DEVICES", "1"));
        assertThat(commands.get(1).health().path()).isEqualTo("/ready");
        assertThat(commands.get(0).argv()).endsWith("--listen", "127.0.0.1:7000");
    }

    @Test
    void sharedRulesKvTypesOwnRulesAndKnobWarningsAllApply() {
        assertThat(ProfileValidator.validate(fake().build(), OptionalInt.empty(), drivers)).isEmpty();
        assertThat(ProfileValidator.validate(fake().ctx(1000).port(0).cacheTypeK("q8_0").ubatch(256).build(),
                OptionalInt.of(4096), drivers)).extracting(ProfileIssue::toString).containsExactly(
                "cacheTypeK: 'q8_0' is not one of [fp16, int8]",
                "port: must be 1..65535",
                "ctx: must be a multiple of 256 (fakeserve allocates whole pages)",
                "warning: ubatch: has no effect on engine fakeserve (used by: builtin, llama-server)");
        assertThat(ProfileValidator.validate(fake().model(null).build(), OptionalInt.empty(), drivers))
                .extracting(ProfileIssue::toString).containsExactly("model: required for fakeserve");
        // the new engine also shows up where other engines' knobs are explained
        assertThat(ProfileValidator.validate(DeploymentProfile.builder().engine(EngineKind.REMOTE)
                .baseUrl("http://h:1").model("/m").build(), OptionalInt.empty(), drivers))
                .extracting(ProfileIssue::toString)
                .containsExactly("warning: model: has no effect on engine remote (used by: builtin, llama-server, vllm, sglang, fakeserve)");
    }

    @Test
    void itsMetricsPageIsRecognisedAndNormalized() throws Exception {
        MutableClock clock = new MutableClock();
        MetricsNormalizer normalizer = new MetricsNormalizer(clock, Duration.ofSeconds(30), drivers.metricsDialects());
        normalizer.update(ParsedMetrics.parse(page(100, 5000, 3)));
        clock.now = clock.now.plusSeconds(10);
        EngineMetrics m = normalizer.update(ParsedMetrics.parse(page(120, 9000, 2)));
        assertThat(m.flavor()).isEqualTo(new EngineFlavor("fakeserve"));
        assertThat(m.qps()).hasValue(2.0);              // 100 -> 120 over 10 s
        assertThat(m.tokensOutPerSec()).hasValue(400.0); // 5000 -> 9000 over 10 s
        assertThat(m.running()).hasValue(2.0);
        assertThat(m.errorsPerSec()).isEmpty();          // fakeserve counts no failures: not available, not 0

        EngineMetrics unknown = new MetricsNormalizer(clock, Duration.ofSeconds(30), EngineDrivers.defaults().metricsDialects())
                .update(ParsedMetrics.parse(page(1, 1, 1)));
        assertThat(unknown.flavor()).isEqualTo(EngineFlavor.UNKNOWN);
        assertThat(unknown.running()).isEmpty();
    }

    private static String page(int done, int tokensOut, int active) {
        return "# TYPE fake_requests_done_total counter\nfake_requests_done_total " + done + "\n"
                + "# TYPE fake_tokens_out_total counter\nfake_tokens_out_total " + tokensOut + "\n"
                + "# TYPE fake_active gauge\nfake_active " + active + "\n";
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2025-06-01T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
