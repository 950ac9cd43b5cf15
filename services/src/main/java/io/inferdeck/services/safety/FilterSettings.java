package io.inferdeck.services.safety;

import io.inferdeck.safety.Stage;
import io.inferdeck.safety.pii.MaskPolicy;
import io.inferdeck.safety.pipeline.FilterConfig;
import java.nio.file.Path;

/**
 * How to assemble the filters: stage switches and review band ({@code config}), the blocklist term file or
 * folder ({@code terms}, null = the starter lists), the classifier head ({@code head}, null = the user-trained
 * head if present, else the bundled one) and the PII masks. Immutable.
 */
public record FilterSettings(FilterConfig config, Path terms, Path head, MaskPolicy masks) {

    /** What the Safety page uses, and what the CLI uses without options. */
    public static FilterSettings defaults() {
        return new FilterSettings(FilterConfig.defaults(), null, null, MaskPolicy.defaults());
    }

    /** False when the classifier is switched off on both sides, so its model need not load at all. */
    public boolean classifierWanted() {
        return config.input().on(Stage.CLASSIFIER) || config.output().on(Stage.CLASSIFIER);
    }
}
