package io.inferdeck.services.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.profile.ProfileFiles.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetFilesTest {
    static final String FLEET = """
            scrapeIntervalSeconds: 5
            slo:
              e2eP95Seconds: 1.5
            nodes:
              - name: gpu-a
                labels: {rack: r1}
                targets:
                  - role: gateway
                    url: http://10.0.0.5:8000
                    bearerKeyEnv: FLEET_KEY
                  - role: gpu-exporter
                    url: http://10.0.0.5:9400/metrics
              - name: gpu-b
                targets:
                  - role: dcgm
                    url: https://10.0.0.6:9400/custom
            """;

    @TempDir
    Path dir;

    @Test
    void readsNodesTargetsAndDefaults() throws Exception {
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, FLEET);
        FleetInventory f = FleetFiles.load(file);
        assertThat(f.nodes()).extracting(FleetNode::name).containsExactly("gpu-a", "gpu-b");
        assertThat(f.scrapeIntervalSeconds()).isEqualTo(5);
        assertThat(f.slo().e2eP95Seconds()).isEqualTo(1.5);
        assertThat(f.slo().kvCacheUsage()).isEqualTo(0.9);   // defaulted
        FleetTarget gw = f.nodes().getFirst().targets().getFirst();
        assertThat(gw.role()).isEqualTo(FleetRole.GATEWAY);
        assertThat(gw.metricsPath()).isEqualTo("/metrics");
        assertThat(gw.hostPort()).isEqualTo("10.0.0.5:8000");
        assertThat(gw.bearerKey()).contains("FLEET_KEY");
        assertThat(f.nodes().get(1).targets().getFirst().metricsPath()).isEqualTo("/custom");
        assertThat(f.targets(FleetRole.GPU_EXPORTER)).extracting(t -> t.node().name()).containsExactly("gpu-a");
        assertThat(f.nodes().getFirst().labels()).containsEntry("rack", "r1");
    }

    @Test
    void unknownFieldNamesFieldAndLine() {
        String bad = FLEET.replace("    labels: {rack: r1}", "    lables: r1");
        assertThatThrownBy(() -> FleetFiles.parse(bad, Format.YAML, "fleet.yaml"))
                .isInstanceOf(FleetFileException.class)
                .hasMessageContaining("fleet.yaml: nodes[0].lables: unknown field (line 6")
                .hasMessageContaining("known fields: labels, name, targets");
    }

    @Test
    void refusesBadValues() {
        assertThatThrownBy(() -> FleetFiles.parse(FLEET.replace("role: dcgm", "role: dcgmx"), Format.YAML, "f"))
                .hasMessageContaining("unknown role 'dcgmx'").hasMessageContaining("gpu-exporter");
        assertThatThrownBy(() -> FleetFiles.parse(FLEET.replace("FLEET_KEY", "\"sk-abc def\""), Format.YAML, "f"))
                .hasMessageContaining("bearerKeyEnv").hasMessageNotContaining("sk-abc");
        assertThatThrownBy(() -> FleetFiles.parse(FLEET.replace("name: gpu-b", "name: gpu-a"), Format.YAML, "f"))
                .hasMessageContaining("two nodes named gpu-a");
        assertThatThrownBy(() -> FleetFiles.parse(FLEET.replace("http://10.0.0.5:8000", "ftp://x:1"), Format.YAML, "f"))
                .hasMessageContaining("url");
        assertThatThrownBy(() -> FleetFiles.parse(FLEET.replace("{rack: r1}", "{node: r1}"), Format.YAML, "f"))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> FleetFiles.parse(FLEET.replace("scrapeIntervalSeconds: 5", "scrapeIntervalSeconds: 500"),
                Format.YAML, "f")).hasMessageContaining("slo.windowSeconds");
        assertThatThrownBy(() -> FleetFiles.parse("", Format.YAML, "f")).hasMessageContaining("empty fleet file");
    }
}
