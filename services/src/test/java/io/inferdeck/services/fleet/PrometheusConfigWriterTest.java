package io.inferdeck.services.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.control.metrics.MetricsNormalizer;
import io.inferdeck.control.profile.ProfileFiles.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusConfigWriterTest {
    static final FleetDialects DIALECTS = FleetDialects.of(MetricsNormalizer.withGateway(EngineDrivers.defaults().metricsDialects()));

    @TempDir
    Path dir;

    private PrometheusConfigWriter.Written write(Map<String, String> env) throws Exception {
        FleetInventory fleet = FleetFiles.parse(FleetFilesTest.FLEET, Format.YAML, "fleet.yaml");
        return new PrometheusConfigWriter(DIALECTS, k -> Optional.ofNullable(env.get(k))).write(fleet, dir);
    }

    @Test
    void rendersJobPerRoleWithNodeLabelsAndKeyFileNotKey() throws Exception {
        PrometheusConfigWriter.Written w = write(Map.of("FLEET_KEY", "sk-secret-1"));
        String config = Files.readString(dir.resolve(PrometheusConfigWriter.CONFIG));
        assertThat(config).contains("job_name: gateway-FLEET_KEY", "job_name: gpu-exporter", "job_name: dcgm",
                "credentials_file: secrets/FLEET_KEY", "node: gpu-a", "rack: r1", "__scheme__: https",
                "__metrics_path__: /custom", "scrape_interval: 5s", "- inferdeck-rules.yml").doesNotContain("sk-secret-1");
        assertThat(Files.readString(dir.resolve("secrets/FLEET_KEY"))).isEqualTo("sk-secret-1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secrets"))))
                .isEqualTo("rwx------");
        assertThat(w.missingKeys()).isEmpty();
        assertThat(write(Map.of()).missingKeys()).containsExactly("FLEET_KEY");
    }

    @Test
    void rulesQuantilesUseEachDialectsHistogramsAndTheSloThreshold() throws Exception {
        write(Map.of("FLEET_KEY", "k"));
        // the exprs as Prometheus reads them (YAML quoting undone), one per line
        var tree = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(dir.resolve(PrometheusConfigWriter.RULES).toFile());
        String rules = tree.findValuesAsText("expr").stream().collect(java.util.stream.Collectors.joining("\n"))
                + tree.findValues("labels") + tree.findValuesAsText("alert");
        assertThat(rules).contains(
                "histogram_quantile(0.95, sum by (instance, node, le) (rate(vllm:e2e_request_latency_seconds_bucket[300s])))",
                "histogram_quantile(0.99, sum by (instance, node, le) (rate(inferdeck_gateway_time_to_first_token_seconds_bucket[300s])))",
                "sum by (instance, node) (rate(inferdeck_gateway_requests_total{outcome=~\"ok\"}[300s]))",
                "avg by (instance, node) (vllm:kv_cache_usage_perc) or avg by (instance, node) (vllm:gpu_cache_usage_perc)",
                "max by (instance, node, Hostname, gpu) (DCGM_FI_DEV_FB_USED * 1048576)",
                "inferdeck:e2e_seconds:p95 > 1.5", "InferDeckTargetDown", "InferDeckGpuMemoryHeadroom",
                "InferDeckKvCachePressure", "\"kind\":\"slo\"", "\"flavor\":\"sglang\"", "\"source\":\"gateway\"");
    }

    @Test
    void promtoolAcceptsConfigAndRules() throws Exception {
        Optional<Path> promtool = Promtool.onPath("promtool");
        assumeTrue(promtool.isPresent(), "promtool not on PATH (Debian package 'prometheus'; .ci/run installs it)");
        write(Map.of("FLEET_KEY", "k"));
        Promtool.Result config = Promtool.run(promtool.get(), "check", "config", dir.resolve(PrometheusConfigWriter.CONFIG).toString());
        assertThat(config.exit()).as(config.output()).isZero();
        assertThat(config.output()).contains("SUCCESS").contains("2 rules found").doesNotContain("FAILED");
        Promtool.Result rules = Promtool.run(promtool.get(), "check", "rules", dir.resolve(PrometheusConfigWriter.RULES).toString());
        assertThat(rules.exit()).as(rules.output()).isZero();
    }
}
