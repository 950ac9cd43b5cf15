package io.inferdeck.services.tuning;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileFiles;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchPlanJson;
import java.util.Objects;

/**
 * One benchmark to run and how it appears in the run history (kind "bench"): its label and the settings
 * document stored beside its figures; {@code recorded == false} runs it without a history row.
 */
public record BenchRun(BenchPlan plan, String label, String settingsJson, boolean recorded) {

    public BenchRun {
        Objects.requireNonNull(plan, "plan");
    }

    /** {@code inferdeck bench}: labelled with the load shape, the plan itself stored as its settings. */
    public static BenchRun ofPlan(BenchPlan plan, boolean recorded) {
        return new BenchRun(plan, plan.load().describe(), BenchPlanJson.toJson(plan).toString(), recorded);
    }

    /** "Apply & measure" on the Tuning page: labelled with the applied profile, which is stored as its settings. */
    public static BenchRun afterApply(BenchPlan plan, DeploymentProfile applied) {
        return new BenchRun(plan, "apply & measure: " + label(applied), ProfileFiles.write(applied, ProfileFiles.Format.JSON), true);
    }

    /** "name Q4_0 batch 512 parallel 2": the knobs a tuning run compares. */
    static String label(DeploymentProfile p) {
        return p.name() + " " + (p.quantization() == null ? "" : p.quantization() + " ") + "batch " + p.batch() + " parallel " + p.parallel();
    }
}
