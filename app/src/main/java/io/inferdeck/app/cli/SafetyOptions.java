package io.inferdeck.app.cli;

import io.inferdeck.safety.SafetyFilters;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.blocklist.Blocklist;
import io.inferdeck.safety.classifier.ClassifierStage;
import io.inferdeck.safety.pii.MaskPolicy;
import io.inferdeck.safety.pipeline.FilterConfig;
import io.inferdeck.safety.pipeline.FilterPipeline;
import io.inferdeck.safety.pipeline.ReviewSink;
import io.inferdeck.safety.pipeline.StageSwitches;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** Filter options shared by the safety subcommands (a picocli mixin). */
final class SafetyOptions {
    @Option(names = "--terms", paramLabel = "FILE|DIR", description = "Blocklist term file or directory of *.txt (default: starter lists).")
    Path terms;

    @Option(names = "--head", paramLabel = "FILE", description = "Classifier head JSON (default: user-trained head if present, else the bundled one).")
    Path head;

    @Option(names = "--input-stages", defaultValue = "all", description = "Input-side stages: all, none or a list of normalize,blocklist,pii,classifier (default: ${DEFAULT-VALUE}).")
    String inputStages;

    @Option(names = "--output-stages", defaultValue = "all", description = "Output-side stages (default: ${DEFAULT-VALUE}).")
    String outputStages;

    @Option(names = "--review-margin", defaultValue = "0.15", description = "Classifier scores this far below a threshold go to review (default: ${DEFAULT-VALUE}).")
    double reviewMargin;

    @Option(names = "--masks", paramLabel = "SPEC", description = "PII masks, e.g. cn_id=keep:3:4,email=label:[EMAIL].")
    String masks;

    FilterConfig config() {
        return FilterConfig.builder().input(StageSwitches.parse(inputStages)).output(StageSwitches.parse(outputStages))
                .reviewMargin(reviewMargin).build();
    }

    boolean classifierWanted() {
        FilterConfig c = config();
        return c.input().on(io.inferdeck.safety.Stage.CLASSIFIER) || c.output().on(io.inferdeck.safety.Stage.CLASSIFIER);
    }

    ClassifierStage classifier(SafetyPaths paths) {
        return classifierWanted() ? SafetyFilters.classifier(paths, head, reviewMargin)
                : ClassifierStage.unavailable("switched off");
    }

    FilterPipeline pipeline(Blocklist blocklist, ClassifierStage classifier, ReviewSink review) throws IOException {
        return SafetyFilters.pipeline(config(), blocklist, classifier, MaskPolicy.parse(masks), Clock.systemUTC(), review);
    }

    Blocklist blocklist() throws IOException {
        return SafetyFilters.blocklist(terms);
    }
}
