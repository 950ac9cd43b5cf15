package io.inferdeck.services.safety;

import io.inferdeck.safety.SafetyFilters;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.pii.MaskPolicy;
import io.inferdeck.safety.pipeline.FilterConfig;
import io.inferdeck.safety.pipeline.FilterStage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to assemble the filters: stage switches and review band ({@code config}), the blocklist term file or
 * folder ({@code terms}, null = the starter lists), the classifier head ({@code head}, null = the user-trained
 * head if present, else the bundled one), the PII masks, and {@code extraStages}: stages run beside the
 * built-in ones, each placed by its own order (the composition root passes stages from outside the safety
 * module here; stage switches may name them). Immutable; the stages must be thread-safe.
 */
public record FilterSettings(FilterConfig config, Path terms, Path head, MaskPolicy masks,
                             List<FilterStage> extraStages) {
    public FilterSettings {
        extraStages = List.copyOf(extraStages);
    }

    /** Built-in stages only. */
    public FilterSettings(FilterConfig config, Path terms, Path head, MaskPolicy masks) {
        this(config, terms, head, masks, List.of());
    }

    /** What the Safety page uses, and what the CLI uses without options. */
    public static FilterSettings defaults() {
        return new FilterSettings(FilterConfig.defaults(), null, null, MaskPolicy.defaults());
    }

    /** These settings with {@code stage} added to the extra stages. */
    public FilterSettings withStage(FilterStage stage) {
        return withStages(List.of(stage));
    }

    /** These settings with {@code stages} added to the extra stages (e.g. the installed plugins' stages). */
    public FilterSettings withStages(List<FilterStage> stages) {
        List<FilterStage> more = new ArrayList<>(extraStages);
        more.addAll(stages);
        return new FilterSettings(config, terms, head, masks, more);
    }

    /** Every stage id these settings' pipeline will have: the built-in stages', then the extra ones'. */
    public List<String> stageIds() {
        List<String> ids = new ArrayList<>(SafetyFilters.builtInStageIds().stream().map(Stage::wire).toList());
        extraStages.forEach(s -> ids.add(s.id().wire()));
        return List.copyOf(ids);
    }

    /** False when the classifier is switched off on both sides, so its model need not load at all. */
    public boolean classifierWanted() {
        return config.input().on(Stage.CLASSIFIER) || config.output().on(Stage.CLASSIFIER);
    }
}
