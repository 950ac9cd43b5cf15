package io.inferdeck.services.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The Grafana dashboard {@code fleet grafana-dashboard} writes (Grafana 10+ JSON model, {@link #SCHEMA_VERSION}): the
 * Fleet page's panels over the series the rendered rules record ({@link EngineFigure#record()},
 * {@link GpuFigure#record()}, Prometheus' {@code ALERTS}), each on the data source variable {@code ${datasource}}
 * (type {@code prometheus}) and filtered by the {@code node} variable. Stateless.
 */
public final class GrafanaDashboard {
    /** Grafana 10.4's dashboard schema version. */
    public static final int SCHEMA_VERSION = 39;
    public static final String UID = "inferdeck-fleet";
    private static final String NODE = "{node=~\"$node\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Panel(String title, String type, String unit, String expr, String legend) {
    }

    private static final List<Panel> PANELS = List.of(
            engine("Requests per second", EngineFigure.QPS, "reqps"),
            engine("End-to-end latency P95", EngineFigure.E2E_P95, "s"),
            engine("End-to-end latency P99", EngineFigure.E2E_P99, "s"),
            engine("Time to first token P95", EngineFigure.TTFT_P95, "s"),
            engine("KV cache usage", EngineFigure.KV_CACHE, "percentunit"),
            engine("Requests waiting", EngineFigure.WAITING, "short"),
            gpu("GPU memory used", GpuFigure.MEMORY_USED, "bytes"),
            gpu("GPU utilization", GpuFigure.UTILIZATION, "percentunit"),
            gpu("GPU power", GpuFigure.POWER, "watt"),
            gpu("GPU temperature", GpuFigure.TEMPERATURE, "celsius"),
            new Panel("Firing alerts", "table", "none", "ALERTS{alertstate=\"firing\", node=~\"$node\"}",
                    "{{alertname}} {{node}} {{instance}}"));

    private GrafanaDashboard() {
    }

    public static String json() {
        ObjectNode d = JSON.createObjectNode();
        d.put("title", "InferDeck fleet");
        d.put("uid", UID);
        d.put("schemaVersion", SCHEMA_VERSION);
        d.put("version", 1);
        d.put("editable", true);
        d.putArray("tags").add("inferdeck");
        d.put("timezone", "browser");
        d.put("refresh", "30s");
        d.putObject("time").put("from", "now-24h").put("to", "now");
        ArrayNode vars = d.putObject("templating").putArray("list");
        vars.addObject().put("name", "datasource").put("label", "Prometheus").put("type", "datasource").put("query", "prometheus");
        ObjectNode node = vars.addObject().put("name", "node").put("label", "Node").put("type", "query")
                .put("query", "label_values(up, node)").put("refresh", 2).put("includeAll", true).put("multi", true)
                .put("allValue", ".*");
        datasource(node);
        node.putObject("current").put("text", "All").put("value", "$__all");
        ArrayNode panels = d.putArray("panels");
        for (int i = 0; i < PANELS.size(); i++) {
            Panel p = PANELS.get(i);
            ObjectNode o = panels.addObject().put("id", i + 1).put("type", p.type()).put("title", p.title());
            boolean wide = p.type().equals("table");
            o.putObject("gridPos").put("h", 8).put("w", wide ? 24 : 12).put("x", wide ? 0 : (i % 2) * 12).put("y", (i / 2) * 8);
            datasource(o);
            o.putObject("fieldConfig").putObject("defaults").put("unit", p.unit());
            ObjectNode t = o.putArray("targets").addObject().put("refId", "A").put("expr", p.expr())
                    .put("legendFormat", p.legend());
            if (wide) {
                t.put("format", "table").put("instant", true);
            }
            datasource(t);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(d) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    private static void datasource(ObjectNode o) {
        o.putObject("datasource").put("type", "prometheus").put("uid", "${datasource}");
    }

    /** One line per engine and source: the engine's own figure and the gateway's may both be there. */
    private static Panel engine(String title, EngineFigure f, String unit) {
        return new Panel(title, "timeseries", unit, f.record() + NODE, "{{node}} {{instance}} {{source}}");
    }

    private static Panel gpu(String title, GpuFigure f, String unit) {
        return new Panel(title, "timeseries", unit, f.record() + NODE, "{{node}} gpu {{gpu}}");
    }
}
