package io.inferdeck.services.tuning;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchProgress;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.quality.QuantReport;
import io.inferdeck.tuning.quality.QuantReportResult;
import io.inferdeck.tuning.quant.QuantMix;
import io.inferdeck.tuning.sweep.Sweep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the tuning service needs a live engine or endpoint for; everything around it (history rows, work
 * folders, variant files) stays in the service. {@link LiveEngines} is the real one; tests substitute given
 * figures, so the page's and the CLI's recording is tested on the code that ships. All methods block.
 */
public interface Engines {

    /** Runs {@code plan} against its endpoint. */
    BenchResult bench(BenchPlan plan, Consumer<BenchProgress> progress);

    /** Measures sweep points, each on a fresh engine whose files go under {@code work}. */
    Sweep.Measurer sweepPoints(Path work);

    /** The quantization report of {@code source} against {@code variants}, engines' files under {@code work}. */
    QuantReportResult quantReport(Path source, List<QuantMix> variants, QuantReport.Settings settings, Path work,
                                  Consumer<QuantReport.Step> progress)
            throws IOException, GgufFormatException, InterruptedException;
}
