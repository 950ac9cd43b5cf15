package io.inferdeck.services.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.control.profile.ProfileFiles.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard parses as JSON and has the dashboard model's fields Grafana 10+ imports by (title, uid,
 * schemaVersion, time, templating with a {@code prometheus} data source variable, panels with unique ids, a type,
 * a gridPos inside the 24-column grid without overlaps, the data source variable and targets with refId and expr);
 * every recorded series its queries use is one the rendered rules record, and promtool parses every query.
 */
class GrafanaDashboardTest {
    private static final Pattern RECORDED = Pattern.compile("inferdeck:[a-z0-9_]+:[a-z0-9_]+");

    @TempDir
    Path dir;

    @Test
    void importsAsADashboardModelWithPanelsOverRecordedSeries() throws Exception {
        JsonNode d = new ObjectMapper().readTree(GrafanaDashboard.json());
        assertThat(d.path("title").asText()).isNotBlank();
        assertThat(d.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
        assertThat(d.path("schemaVersion").isInt()).isTrue();
        assertThat(d.path("schemaVersion").asInt()).as("Grafana 10+").isGreaterThanOrEqualTo(36);
        assertThat(d.path("time").path("from").asText()).startsWith("now-");
        JsonNode vars = d.path("templating").path("list");
        assertThat(vars).anyMatch(v -> v.path("name").asText().equals("datasource") && v.path("type").asText().equals("datasource")
                && v.path("query").asText().equals("prometheus"));
        assertThat(vars).anyMatch(v -> v.path("name").asText().equals("node") && v.path("type").asText().equals("query"));
        Set<Integer> ids = new HashSet<>();
        List<int[]> boxes = new ArrayList<>();
        List<String> exprs = new ArrayList<>();
        assertThat(d.path("panels").size()).isGreaterThanOrEqualTo(10);
        for (JsonNode p : d.path("panels")) {
            String what = p.path("title").asText();
            assertThat(what).isNotBlank();
            assertThat(ids.add(p.path("id").asInt())).as("unique id " + what).isTrue();
            assertThat(p.path("type").asText()).as(what).isIn("timeseries", "table");
            JsonNode g = p.path("gridPos");
            int[] box = {g.path("x").asInt(-1), g.path("y").asInt(-1), g.path("w").asInt(), g.path("h").asInt()};
            assertThat(box[0]).as(what + " x").isBetween(0, 23);
            assertThat(box[0] + box[2]).as(what + " x + w").isBetween(1, 24);
            assertThat(box[1]).as(what + " y").isNotNegative();
            assertThat(box[3]).as(what + " h").isPositive();
            for (int[] other : boxes) {
                boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                        && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                assertThat(overlap).as(what + " overlaps another panel").isFalse();
            }
            boxes.add(box);
            assertThat(p.path("datasource").path("uid").asText()).as(what).isEqualTo("${datasource}");
            assertThat(p.path("targets").size()).as(what).isPositive();
            for (JsonNode t : p.path("targets")) {
                assertThat(t.path("refId").asText()).isNotBlank();
                assertThat(t.path("expr").asText()).isNotBlank();
                exprs.add(t.path("expr").asText());
            }
        }
        Set<String> used = exprs.stream().flatMap(e -> RECORDED.matcher(e).results().map(java.util.regex.MatchResult::group)).collect(Collectors.toSet());
        assertThat(used).hasSizeGreaterThanOrEqualTo(8);
        assertThat(recordedByTheRules()).containsAll(used);
        promtoolParses(exprs);
    }

    private Set<String> recordedByTheRules() throws Exception {
        FleetInventory fleet = FleetFiles.parse("nodes: [{name: a, targets: [{role: engine, url: \"http://127.0.0.1:8000\"}]}]\n",
                Format.YAML, "fleet.yaml");
        new PrometheusConfigWriter(PrometheusConfigWriterTest.DIALECTS, k -> Optional.empty()).write(fleet, dir);
        JsonNode rules = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(dir.resolve(PrometheusConfigWriter.RULES).toFile());
        return new HashSet<>(rules.findValuesAsText("record"));
    }

    /** Each query (the node variable as Grafana expands "All") as a recording rule: promtool parses its PromQL. */
    private void promtoolParses(List<String> exprs) throws Exception {
        Optional<Path> promtool = Promtool.onPath("promtool");
        assumeTrue(promtool.isPresent(), "promtool not on PATH (Debian package 'prometheus'): PromQL not parsed");
        StringBuilder file = new StringBuilder("groups:\n  - name: grafana\n    rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            String e = exprs.get(i).replace("$node", ".*");
            file.append("      - record: grafana:panel").append(i).append(":check\n        expr: '").append(e.replace("'", "''")).append("'\n");
        }
        Path f = dir.resolve("grafana-exprs.yml");
        Files.writeString(f, file);
        Promtool.Result r = Promtool.run(promtool.get(), "check", "rules", f.toString());
        assertThat(r.exit()).as(r.output()).isZero();
    }
}
