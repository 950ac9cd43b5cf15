package io.inferdeck.tuning.quant;

import io.inferdeck.gguf.GgmlType;
import java.nio.file.Path;

/**
 * What a quantization wrote: tensors re-encoded into {@code target} vs. kept as they were (1-D norms,
 * rows that don't fit the block size, non-float sources), and file sizes in bytes.
 */
public record QuantizeResult(Path output, GgmlType target, int tensorsConverted, int tensorsKept,
                             long inputFileBytes, long outputFileBytes) {
}
