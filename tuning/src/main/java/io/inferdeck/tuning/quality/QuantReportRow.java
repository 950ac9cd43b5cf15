package io.inferdeck.tuning.quality;

import java.nio.file.Path;

/**
 * One line of the quantization report. NaN = not measured (the notes say why).
 *
 * @param fileBytes            size of the variant's GGUF file
 * @param meanKl               mean KL(P_reference ‖ P_variant) per position, nats; 0 for the reference
 * @param deltaPerplexityPercent perplexity change against the reference, in percent
 * @param greedyMatched        leading tokens of the engine's temperature-0 continuation of a fixed prompt that
 *                             equal the reference forward pass's argmax continuation on this variant's weights,
 *                             out of {@code greedyCompared} (0 compared = not checked)
 */
public record QuantReportRow(String variant, Path file, long fileBytes, boolean reference, boolean created,
                             double decodeTokensPerSecond, double ttftP50Ms, long speedRequests, double meanKl,
                             double perplexity, double deltaPerplexityPercent, int greedyMatched, int greedyCompared,
                             String notes) {

    public double fileMegabytes() {
        return fileBytes / 1e6;
    }
}
