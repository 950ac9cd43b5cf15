package io.inferdeck.app.cli;

import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.services.tuning.TuningService;
import io.inferdeck.tuning.quant.QuantizeResult;
import io.inferdeck.tuning.quant.QuantMix;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code inferdeck quantize IN.gguf OUT.gguf --type Q4_0}: writes a quantized variant with a text progress
 * bar on stderr when that is a terminal (logs get only the summary line). A failure leaves no OUT file (the writer is atomic); the CLI's error handler reports it in one line.
 */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = "Quantize an F32/F16/BF16 GGUF model into a plain type (F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1)"
                + " or one of llama.cpp's k-quant mixes (Q2_K, Q3_K_S/M/L, Q4_K_S/M, Q5_K_S/M, Q6_K), with llama.cpp's"
                + " per-tensor rules (docs/quantization.md).")
public final class QuantizeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "IN.gguf", description = "Source model (F32, F16 or BF16 weights).")
    Path in;
    @Parameters(index = "1", paramLabel = "OUT.gguf", description = "File to write (replaced atomically).")
    Path out;
    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "Target type: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Targets.class)
    QuantMix type;
    @Option(names = "--pure", description = "Every quantized weight in the type's base type: no Q6_K output.weight, no"
            + " per-layer bumps (llama-quantize --pure).")
    boolean pure;
    @Option(names = "--no-progress", description = "Do not draw the progress bar (drawn only on a terminal anyway).")
    boolean noProgress;

    @Override
    public Integer call() throws IOException, GgufFormatException {
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        Bar bar = new Bar(err, !noProgress && System.console() != null && System.console().isTerminal());
        try (TuningService tuning = CliTuning.open(null)) {
            QuantizeResult r = tuning.quantize(in, out, type, pure, bar::update);
            bar.finish();
            double secs = (System.nanoTime() - started) / 1e9;
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%s): %d tensors converted, %d kept, %.1f MB -> %.1f MB in %.1f s%n",
                    r.output(), type + (pure ? ", pure" : ""), r.tensorsConverted(), r.tensorsKept(), r.inputFileBytes() / 1e6, r.outputFileBytes() / 1e6, secs);
            return 0;
        } finally {
            bar.finish();   // idempotent: ends a drawn bar's line before the handler prints an error
        }
    }

    static final class Targets implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(QuantMix.values()).map(QuantMix::name).iterator();
        }
    }

    /** A 40-column bar redrawn in place at most once per percent, so progress costs nothing measurable. */
    private static final class Bar {
        private final PrintWriter err;
        private final boolean enabled;
        private int shownPermille = -10;
        private boolean drawn;

        Bar(PrintWriter err, boolean enabled) {
            this.err = err;
            this.enabled = enabled;
        }

        void update(long done, long total) {
            int permille = total <= 0 ? 1000 : (int) (done * 1000 / total);
            if (!enabled || permille < shownPermille + 10 && permille != 1000 || permille == shownPermille) {
                return;
            }
            shownPermille = permille;
            int filled = permille * 40 / 1000;
            err.printf(Locale.ROOT, "\r[%s%s] %3d%%  %,.1f / %,.1f MB", "#".repeat(filled), ".".repeat(40 - filled),
                    permille / 10, done / 1e6, total / 1e6);
            err.flush();
            drawn = true;
        }

        void finish() {
            if (drawn) {
                err.println();
                err.flush();
                drawn = false;
            }
        }
    }
}
