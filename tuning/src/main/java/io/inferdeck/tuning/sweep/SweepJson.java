package io.inferdeck.tuning.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.tuning.load.BenchJson;
import java.util.List;

/** A sweep as JSON ({@value #SCHEMA}): every point with its bench result or failure, and the recommendation. */
public final class SweepJson {
    public static final String SCHEMA = "inferdeck.sweep/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepJson() {
    }

    public static ObjectNode toJson(List<SweepOutcome> outcomes, Recommendation rec) {
        ObjectNode root = JSON.createObjectNode().put("schema", SCHEMA);
        ArrayNode arr = root.putArray("points");
        for (SweepOutcome o : outcomes) {
            ObjectNode n = arr.addObject().put("quant", o.point().quant()).put("batch", o.point().batch())
                    .put("parallel", o.point().parallel());
            o.result().ifPresentOrElse(r -> n.set("result", BenchJson.toJson(r)), () -> n.put("failure", o.failure()));
        }
        rec.best().ifPresent(b -> root.putObject("recommendation").put("quant", b.point().quant())
                .put("batch", b.point().batch()).put("parallel", b.point().parallel()));
        root.put("reason", rec.reason());
        return root;
    }

    public static String toPrettyString(List<SweepOutcome> outcomes, Recommendation rec) {
        return toJson(outcomes, rec).toPrettyString();
    }
}
