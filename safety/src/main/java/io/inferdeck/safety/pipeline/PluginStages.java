package io.inferdeck.safety.pipeline;

import io.inferdeck.common.plugin.PluginScan;
import io.inferdeck.common.plugin.Registration;
import io.inferdeck.plugin.api.safety.FilterStagePlugin;
import io.inferdeck.safety.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The stages a plugin scan adds to the pipeline, beside the built-ins (handed to it as extra stages). A
 * plugin whose id is not a valid stage id, is a built-in's ({@link Stage#BUILT_IN}) or an earlier plugin's,
 * or whose id/order/fingerprint throws, is refused in the returned scan with the reason; the rest register.
 */
public final class PluginStages {
    private PluginStages() {
    }

    public static Registration<List<FilterStage>> register(PluginScan scan) {
        PluginScan claimed = scan.claim(FilterStagePlugin.class,
                Stage.BUILT_IN.stream().map(Stage::wire).collect(Collectors.toSet()), "stage", PluginStages::invalid);
        List<FilterStage> stages = new ArrayList<>();
        for (PluginScan.Provided<FilterStagePlugin> p : claimed.enabled(FilterStagePlugin.class)) {
            try {
                stages.add(new PluginFilterStage(p.extension()));
            } catch (RuntimeException | LinkageError e) {
                claimed = claimed.refuse(p.entry(), e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return new Registration<>(List.copyOf(stages), claimed);
    }

    private static Optional<String> invalid(String id) {
        try {
            new Stage(id);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
