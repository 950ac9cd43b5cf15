package io.inferdeck.app.cli;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.gguf.ModelSummary;
import io.inferdeck.gguf.ModelValidator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inferdeck model init|list|inspect|fuzz}: the embedded default model and GGUF files on disk. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Create the embedded default model, list models, inspect a GGUF file.",
        subcommands = {ModelCommand.Init.class, ModelCommand.ListModels.class, ModelCommand.Inspect.class, ModelFuzzCommand.class})
public final class ModelCommand {

    static ModelLibrary library(Path dir) {
        return dir != null ? new ModelLibrary(dir) : ModelLibrary.fromEnvironment(System.getenv());
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Write the default model's variants (F32, F16, Q8_0, Q4_0) into the models folder, once. "
                    + "Its weights are random: the text it generates is meaningless.")
    static final class Init implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--dir", description = "Models folder (default: $XDG_DATA_HOME/inferdeck/models).")
        Path dir;
        @Option(names = "--tiny", description = "Write the tiny test model instead of the default.")
        boolean tiny;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ModelLibrary lib = library(dir);
            LlamaModelSpec model = tiny ? LlamaModelSpec.TINY : LlamaModelSpec.DEFAULT;
            List<GgmlType> written = lib.ensure(model, ModelLibrary.DEFAULT_VARIANTS, (type, bytes) -> { });
            for (GgmlType t : ModelLibrary.DEFAULT_VARIANTS) {
                out.printf("%-7s %s%s%n", t, lib.variantPath(model, t), written.contains(t) ? "  (written)" : "  (already present)");
            }
            out.println("Note: these models have random weights; their output is meaningless text. To serve a real model,");
            out.println("download a GGUF (e.g. TinyLlama-1.1B-Chat or DeepSeek-R1-Distill-Qwen-1.5B) and pass --model PATH.");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List GGUF files in the models folder.")
    static final class ListModels implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--dir", description = "Models folder (default: $XDG_DATA_HOME/inferdeck/models).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ModelLibrary lib = library(dir);
            List<Path> files = lib.list();
            if (files.isEmpty()) {
                out.println("No models in " + lib.dir() + " — run `inferdeck model init`.");
            }
            for (Path p : files) {
                try {
                    ModelSummary s = ModelSummary.of(ModelValidator.read(p));
                    out.printf("%-40s %-6s %8.1f M params %9.1f MB%n", p.getFileName(), s.quant(), s.parameters() / 1e6, s.fileBytes() / 1e6);
                } catch (GgufFormatException e) {
                    out.printf("%-40s INVALID: %s%n", p.getFileName(), e.getMessage());
                }
            }
            return 0;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Validate a GGUF file and print its shape; exits 1 with a one-line reason if it is invalid.")
    static final class Inspect implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            try {
                ModelSummary.describe(ModelValidator.read(file)).forEach(spec.commandLine().getOut()::println);
                return 0;
            } catch (GgufFormatException e) {   // the check's verdict, so exit 1 rather than the handler's 2 for bad input
                throw new CliError(CliError.FAILURE, "invalid model: " + e.getMessage(), "it is not a GGUF file InferDeck can read", e);
            }
        }
    }
}
