package io.inferdeck.tuning.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.tuning.load.BenchJson;
import io.inferdeck.tuning.load.SloVerdict;
import java.util.List;

/** A sweep as JSON ({@value #SCHEMA}): every point with its bench result or failure, and the recommendation. */
public final class SweepJson {
    public static final String SCHEMA = "inferdeck.sweep/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepJson() {
    }

    public static ObjectNode toJson(List<SweepOutcome> outcomes, Recommendation rec) {
        return toJson(outcomes, rec, QualityBudget.NONE);
    }

    /** With the quality budget that applied: its limit, reference and each variant's mean KL. */
    public static ObjectNode toJson(List<SweepOutcome> outcomes, Recommendation rec, QualityBudget budget) {
        ObjectNode root = JSON.createObjectNode().put("schema", SCHEMA);
        ObjectNode q = root.putObject("quality_budget").put("limited", budget.limited()).put("reference", budget.reference());
        if (budget.limited()) {
            q.put("max_mean_kl_nats", budget.maxMeanKl());
        }
        ObjectNode kl = q.putObject("mean_kl_nats");
        budget.meanKl().forEach(kl::put);
        ArrayNode arr = root.putArray("points");
        for (SweepOutcome o : outcomes) {
            ObjectNode n = arr.addObject().put("quant", o.point().quant()).put("batch", o.point().batch())
                    .put("parallel", o.point().parallel());
            if (o.point().openLoop()) {
                n.put("open_loop_rate_per_s", o.point().rate());
            }
            o.result().ifPresent(r -> n.put("verdict", SloVerdict.of(r).name()).put("verdict_text", SloVerdict.of(r).describe(r)));
            o.result().ifPresentOrElse(r -> n.set("result", BenchJson.toJson(r)), () -> n.put("failure", o.failure()));
        }
        rec.best().ifPresent(b -> root.putObject("recommendation").put("quant", b.point().quant())
                .put("batch", b.point().batch()).put("parallel", b.point().parallel()));
        root.put("reason", rec.reason()).put("bound_by", rec.bound().name());
        return root;
    }

    public static String toPrettyString(List<SweepOutcome> outcomes, Recommendation rec, QualityBudget budget) {
        return toJson(outcomes, rec, budget).toPrettyString();
    }
}
