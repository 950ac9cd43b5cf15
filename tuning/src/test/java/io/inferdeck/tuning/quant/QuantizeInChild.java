package io.inferdeck.tuning.quant;

import io.inferdeck.gguf.GgmlType;
import java.nio.file.Path;

/** Child-process main for the streaming test: quantizes args[0] → args[1] as args[2] under a small heap. */
public final class QuantizeInChild {
    private QuantizeInChild() {
    }

    public static void main(String[] args) throws Exception {
        QuantizeResult r = Quantizer.quantize(Path.of(args[0]), Path.of(args[1]), GgmlType.valueOf(args[2]), QuantizeProgress.NONE);
        System.out.println("converted " + r.tensorsConverted());
    }
}
