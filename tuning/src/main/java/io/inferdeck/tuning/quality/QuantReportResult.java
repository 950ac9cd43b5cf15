package io.inferdeck.tuning.quality;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A finished quantization report: rows from highest to lowest precision, the reference first.
 *
 * @param sampleTokens tokens of the text sample (BOS included) the quality columns are computed over;
 *                     0 when quality could not be measured
 * @param qualityNote  why the quality columns are empty, or null
 */
public record QuantReportResult(String model, Path source, String referenceVariant, Instant startedAt, Duration duration,
                                int sampleTokens, String qualityNote, List<QuantReportRow> rows) {

    public QuantReportResult {
        rows = List.copyOf(rows);
    }
}
