package io.inferdeck.app.cli;

import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.pii.MaskPolicy;
import io.inferdeck.safety.pipeline.FilterConfig;
import io.inferdeck.safety.pipeline.StageSwitches;
import io.inferdeck.services.plugins.PluginCatalog;
import io.inferdeck.services.safety.FilterSettings;
import io.inferdeck.services.safety.SafetyService;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Filter options shared by the safety subcommands (a picocli mixin), and the service they configure. */
final class SafetyOptions {
    @Option(names = "--terms", paramLabel = "FILE|DIR", description = "Blocklist term file or directory of *.txt (default: starter lists).")
    Path terms;

    @Option(names = "--head", paramLabel = "FILE", description = "Classifier head JSON (default: user-trained head if present, else the bundled one).")
    Path head;

    @Option(names = "--input-stages", defaultValue = "all", description = "Input-side stages: all, none or a list of normalize,blocklist,pii,classifier[,guard] and plugin stage ids (default: ${DEFAULT-VALUE}).")
    String inputStages;

    @Option(names = "--output-stages", defaultValue = "all", description = "Output-side stages (default: ${DEFAULT-VALUE}).")
    String outputStages;

    @Option(names = "--review-margin", defaultValue = "0.15", description = "Classifier scores this far below a threshold go to review (default: ${DEFAULT-VALUE}).")
    double reviewMargin;

    @Option(names = "--masks", paramLabel = "SPEC", description = "PII masks, e.g. cn_id=keep:3:4,email=label:[EMAIL].")
    String masks;

    @Mixin
    GuardOptions guard = new GuardOptions();

    /** @throws IllegalArgumentException for a bad stage list, review margin, mask spec or guard option */
    FilterSettings settings() {
        FilterConfig config = FilterConfig.builder().input(StageSwitches.parse(inputStages))
                .output(StageSwitches.parse(outputStages)).reviewMargin(reviewMargin).build();
        FilterSettings base = new FilterSettings(config, terms, head, MaskPolicy.parse(masks))
                .withStages(PluginCatalog.installed().stages());   // the installed plugins' stages run beside the built-ins
        return guard.stage().map(base::withStage).orElse(base);
    }

    /** The safety service over the environment's data and config folders, with these options' filters. */
    SafetyService service() {
        return new SafetyService(SafetyPaths.fromEnvironment(), settings(), Clock.systemUTC());
    }
}
