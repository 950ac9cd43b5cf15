package io.inferdeck.control.profile;

import static io.inferdeck.control.profile.ProfileIssue.error;

import io.inferdeck.control.driver.EngineDriver;
import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.ModelValidator;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * What {@code up} and the console check before they start anything, so a profile that cannot run fails in
 * one line instead of in an engine's crash loop: {@link ProfileValidator}'s rules with the model's trained
 * context read from its GGUF metadata, plus the facts only this machine can answer. A GGUF model (a
 * {@code .gguf} path, or any model of the built-in runner, which reads nothing else) must exist, be a
 * regular file and pass {@link ModelValidator}.
 *
 * <p>Replica rule: without a GPU selection a launched deployment runs at most one replica per CPU core
 * ({@code cores}, injected): each replica is a whole engine process with its own HTTP server, sampler and
 * compute threads, so more replicas than cores only time-slice the same cores and multiply memory and open
 * files. With GPUs, {@link GpuLayoutRules} already bounds replicas by the GPU count. Blocking (reads the
 * model's header): a worker thread, never the FX or {@code engine-supervisor} thread.
 */
public final class PreStartChecks {
    private PreStartChecks() {
    }

    /** {@link #check(DeploymentProfile, int, ProfileRules)} with {@code drivers}; live-safety stage ids not checked. */
    public static List<ProfileIssue> check(DeploymentProfile p, int cores, EngineDrivers drivers) {
        return check(p, cores, ProfileRules.of(drivers));
    }

    /** @return every issue, errors and warnings; the caller refuses to start on any error */
    public static List<ProfileIssue> check(DeploymentProfile p, int cores, ProfileRules rules) {
        EngineDrivers drivers = rules.drivers();
        List<ProfileIssue> out = new ArrayList<>();
        OptionalInt trained = OptionalInt.empty();
        EngineDriver driver = drivers.find(p.engine()).orElse(null);
        boolean launched = driver != null && driver.launched(p);
        if (launched && p.model() != null && !p.model().isBlank() && isGguf(p)) {
            trained = checkModel(Path.of(p.model()), out);
        }
        if (launched && p.gpus().isEmpty() && p.replicas() > cores) {
            out.add(error("replicas", p.replicas() + " is more than this machine's " + cores
                    + " CPU cores (at most one replica per core without GPUs)"));
        }
        out.addAll(ProfileValidator.validate(p, trained, rules));
        return List.copyOf(out);
    }

    private static boolean isGguf(DeploymentProfile p) {
        return EngineKind.BUILTIN.equals(p.engine()) || p.model().toLowerCase(Locale.ROOT).endsWith(".gguf");
    }

    /** @return the trained context when the file is a valid model that declares one */
    private static OptionalInt checkModel(Path model, List<ProfileIssue> out) {
        if (!Files.exists(model)) {
            out.add(error("model", "no such file: " + model));
        } else if (!Files.isRegularFile(model)) {
            out.add(error("model", model + " is not a regular file"));
        } else {
            try {
                GgufFile g = ModelValidator.read(model);
                long ctx = g.archInteger("context_length").orElse(0);
                return ctx > 0 && ctx <= Integer.MAX_VALUE ? OptionalInt.of((int) ctx) : OptionalInt.empty();
            } catch (GgufFormatException e) {
                out.add(error("model", "not a valid GGUF model: " + e.getMessage()));
            } catch (UncheckedIOException e) {
                out.add(error("model", "cannot read " + model + ": " + e.getMessage()));
            }
        }
        return OptionalInt.empty();
    }
}
