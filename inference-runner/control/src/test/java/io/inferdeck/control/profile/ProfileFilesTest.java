package io.inferdeck.control.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.profile.ProfileFiles.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFilesTest {
    @TempDir
    Path dir;

    private static DeploymentProfile full() {
        return DeploymentProfile.builder().engine(EngineKind.LLAMA_SERVER).name("big").model("/m/q.gguf")
                .quantization("Q4_0").threads(6).ctx(8192).batch(1024).ubatch(256).parallel(4)
                .cacheTypeK("q8_0").cacheTypeV("q8_0").flashAttention(true).mlock(true).noMmap(true)
                .gpus(List.of(2, 3)).gpuLayers(99).splitMode(SplitMode.ROW).tensorSplit(List.of(3.0, 1.0))
                .mainGpu(1).tensorParallelSize(2).pipelineParallelSize(3).gpuMemoryUtilization(0.8)
                .replicas(2).host("0.0.0.0").port(9000).apiKey("sk-secret-0123456789").queue(32)
                .extraArgs(List.of("--seed", "7")).binary("/opt/llama/llama-server").baseUrl("http://x:1")
                .gateway(new GatewaySettings(true, 500, "/var/log/gw.jsonl", 1L << 20, true,
                        new GatewaySettings.Cache(1L << 24, 60, true),
                        new GatewaySettings.Safety(true, false, "hold", List.of("pii"))))
                .build();
    }

    @Test
    void gatewayBlockTakesItsDefaultsAndIsLeftOutWhenAtThem() throws Exception {
        DeploymentProfile p = ProfileFiles.parse("{\"gateway\": {\"cache\": {}, \"safety\": {}}}", Format.JSON, "t");
        assertThat(p.gateway().logCapacity()).isEqualTo(GatewaySettings.DEFAULT_LOG_CAPACITY);
        assertThat(p.gateway().keys()).isFalse();
        assertThat(p.gateway().cache().ttlSeconds()).isEqualTo(GatewaySettings.Cache.DEFAULT_TTL_SECONDS);
        assertThat(p.gateway().cache().allowSampled()).isFalse();
        assertThat(p.gateway().safety().input()).isTrue();
        assertThat(p.gateway().safety().review()).isEqualTo("forward");
        assertThat(ProfileFiles.write(DeploymentProfile.builder().build(), Format.JSON)).doesNotContain("gateway");
        assertThat(ProfileFiles.write(p, Format.JSON)).contains("\"gateway\"");
        assertIssue("{\"gateway\": {\"cach\": {}}}", Format.JSON, "gateway.cach", "");
    }

    @Test
    void missingFieldsTakeTheDocumentedDefaults() throws Exception {
        DeploymentProfile p = ProfileFiles.parse("{}", Format.JSON, "t");
        assertThat(p).isEqualTo(DeploymentProfile.builder().build());
        assertThat(p.engine()).isEqualTo(EngineKind.BUILTIN);
        assertThat(p.ctx()).isEqualTo(2048);
        assertThat(p.batch()).isEqualTo(512);
        assertThat(p.ubatch()).isEqualTo(512);
        assertThat(p.parallel()).isEqualTo(1);
        assertThat(p.host()).isEqualTo("127.0.0.1");
        assertThat(p.port()).isEqualTo(18080);
        assertThat(p.replicas()).isEqualTo(1);
        assertThat(p.splitMode()).isEqualTo(SplitMode.LAYER);
        assertThat(p.gpuMemoryUtilization()).isEqualTo(0.9);
        assertThat(p.gpus()).isEmpty();
        assertThat(p.threads()).isNull();
    }

    @Test
    void everyFieldSurvivesJsonAndYamlRoundTrips() throws Exception {
        for (Format format : Format.values()) {
            String text = ProfileFiles.write(full(), format);
            assertThat(ProfileFiles.parse(text, format, "t")).isEqualTo(full());
        }
    }

    @Test
    void readsHandWrittenYamlWithEngineSpellings() throws Exception {
        String yaml = """
                engine: vllm
                model: Qwen/Qwen2.5-7B-Instruct
                tensorParallelSize: 2
                gpus: [0, 1]
                splitMode: row
                """;
        DeploymentProfile p = ProfileFiles.parse(yaml, Format.YAML, "t");
        assertThat(p.engine()).isEqualTo(EngineKind.VLLM);
        assertThat(p.gpus()).containsExactly(0, 1);
        assertThat(p.splitMode()).isEqualTo(SplitMode.ROW);
        assertThat(ProfileFiles.write(p, Format.JSON)).contains("\"engine\" : \"vllm\"", "\"splitMode\" : \"row\"");
    }

    @Test
    void unknownFieldIsNamedWithLineAndKnownFields() {
        assertThatThrownBy(() -> ProfileFiles.parse("{\n \"engine\": \"builtin\",\n \"ctxx\": 4096\n}", Format.JSON, "p.json"))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.issues()).singleElement().satisfies(i -> {
                        assertThat(i.field()).isEqualTo("ctxx");
                        assertThat(i.message()).contains("unknown field", "line 3", "ctx", "tensorSplit");
                    });
                    assertThat(e.getMessage()).startsWith("p.json: ctxx: unknown field");
                });
    }

    @Test
    void wrongTypesAndBadEnumsAndNullsAreFieldLevel() {
        assertIssue("{\"ctx\": \"big\"}", Format.JSON, "ctx", "expected an integer, got \"big\"");
        assertIssue("engine: llama.cpp\n", Format.YAML, "engine", "allowed: builtin, llama-server, vllm, remote");
        assertIssue("{\"splitMode\": \"diagonal\"}", Format.JSON, "splitMode", "allowed: none, layer, row");
        assertIssue("{\"batch\": null}", Format.JSON, "batch", "expected an integer, got null");
        assertIssue("{\"gpus\": [0, \"x\"]}", Format.JSON, "gpus[1]", "invalid value");
        assertIssue("{\"gpus\": [0, null]}", Format.JSON, "gpus[1]", "must not be null");
        assertIssue("{\"engine\": null}", Format.JSON, "engine", "must not be null");
        assertIssue("{\"ctx\": 1", Format.JSON, "", "malformed file");
        assertIssue("   ", Format.YAML, "", "empty profile");
        assertIssue("{\"threads\": 1.5}", Format.JSON, "threads", "expected an integer, got 1.5");   // no silent truncation
        assertIssue("{\"ctx\": \"2048\"}", Format.JSON, "ctx", "expected an integer, got \"2048\"");    // no string-to-number coercion
        assertIssue("flashAttention: \"yes\"\n", Format.YAML, "flashAttention", "expected true or false, got \"yes\"");
    }

    private static void assertIssue(String text, Format format, String field, String messagePart) {
        assertThatThrownBy(() -> ProfileFiles.parse(text, format, "t"))
                .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.issues()).singleElement()
                        .satisfies(i -> {
                            assertThat(i.message()).contains(messagePart);
                            if (!field.isEmpty()) {
                                assertThat(i.field()).isEqualTo(field);
                            }
                        }));
    }

    @Test
    void errorsNeverEchoTheApiKey() {
        for (String text : List.of("{\"apiKey\": {\"k\": \"sk-live-123456\"}}", "{\n\"apiKey\": sk-live-123456\n}", "apiKey: [sk-live-123456]\n")) {
            Format format = text.startsWith("{") ? Format.JSON : Format.YAML;
            assertThatThrownBy(() -> ProfileFiles.parse(text, format, "t"))
                    .isInstanceOfSatisfying(ProfileException.class, e -> {
                        assertThat(e.getMessage()).doesNotContain("sk-live").doesNotContain("123456");
                        assertThat(e.issues()).singleElement().satisfies(i -> {
                            assertThat(i.field()).isEqualTo("apiKey");
                            assertThat(i.message()).contains("value not shown");
                        });
                    });
        }
    }

    @Test
    void saveIsAtomicOwnerOnlyAndLeavesNoTempFiles() throws Exception {
        Path file = dir.resolve("profiles/p.yaml");
        ProfileFiles.save(DeploymentProfile.builder().name("first").build(), file);
        ProfileFiles.save(full(), file);
        assertThat(ProfileFiles.load(file)).isEqualTo(full());
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing.map(x -> x.getFileName().toString())).containsExactly("p.yaml");
        }
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void unsupportedExtensionIsRefused() {
        assertThatThrownBy(() -> ProfileFiles.save(full(), dir.resolve("p.toml")))
                .isInstanceOf(ProfileException.class).hasMessageContaining("use .json, .yaml or .yml");
        assertThat(dir.resolve("p.toml")).doesNotExist();
    }

    @Test
    void toStringNeverShowsTheApiKey() {
        assertThat(full().toString()).doesNotContain("sk-secret").contains("apiKey=****", "ctx=8192");
        assertThat(full().toBuilder().build()).isEqualTo(full());
    }

    @Test
    void recordIsImmutable() {
        List<Integer> gpus = new java.util.ArrayList<>(List.of(0, 1));
        DeploymentProfile p = DeploymentProfile.builder().gpus(gpus).build();
        gpus.add(2);
        assertThat(p.gpus()).containsExactly(0, 1);
        assertThatThrownBy(() -> p.gpus().add(3)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void onlyRegularFilesUpToTheLimitAreRead() throws Exception {
        Path fifo = dir.resolve("fifo.json");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> ProfileFiles.load(fifo)).isInstanceOf(ProfileException.class)
                .hasMessage(fifo + ": not a regular file");   // a FIFO with no writer would block forever
        Path zero = Files.createSymbolicLink(dir.resolve("zero.json"), Path.of("/dev/zero"));
        assertThatThrownBy(() -> ProfileFiles.load(zero)).hasMessage(zero + ": not a regular file");
        assertThatThrownBy(() -> ProfileFiles.load(dir)).isInstanceOf(ProfileException.class);   // .json checked first
        Path big = dir.resolve("big.json");
        Files.write(big, new byte[ProfileFiles.MAX_BYTES + 1]);
        assertThatThrownBy(() -> ProfileFiles.load(big)).hasMessage(big + ": larger than 1024 KiB: not a profile");
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> ProfileFiles.load(missing)).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
