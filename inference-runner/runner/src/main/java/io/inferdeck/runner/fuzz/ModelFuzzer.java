package io.inferdeck.runner.fuzz;

import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.ModelMutator;
import io.inferdeck.gguf.ModelValidator;
import io.inferdeck.runner.bench.RunnerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Property-based check of the model path: each seeded mutant of a valid model must be refused by
 * {@link ModelValidator} with a one-line reason, or be served by a real runner process (child JVM) that
 * answers one short completion. Mutants that pass validation are usually harmless changes, so few reach
 * a runner; byte-identical mutants are served once. Runs on the caller's thread.
 */
public final class ModelFuzzer {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final GgufFile base;
    private final Path workDir;
    private final Consumer<String> progress;

    /** @param workDir receives the mutant files, runner logs and any JVM crash report */
    public ModelFuzzer(GgufFile base, Path workDir, Consumer<String> progress) {
        this.base = base;
        this.workDir = workDir;
        this.progress = progress;
    }

    public FuzzReport run(int count, long seed) throws IOException, InterruptedException {
        ModelMutator mutator = new ModelMutator(base, new SplittableRandom(seed));
        Map<String, Outcome> served = new HashMap<>();
        int refused = 0;
        int ok = 0;
        int engineRefused = 0;
        int crashed = 0;
        List<String> problems = new ArrayList<>();
        Path file = workDir.resolve("mutant.gguf");
        for (int i = 0; i < count; i++) {
            ModelMutator.Mutant m = mutator.next(file);
            Outcome o;
            try {
                ModelValidator.read(file);
                String key = digest(file);
                o = served.containsKey(key) ? served.get(key) : serve(file, i);
                served.put(key, o);
            } catch (GgufFormatException e) {
                o = e.getMessage().contains("\n") ? new Outcome(Kind.ENGINE_REFUSED, "multi-line refusal") : Outcome.REFUSED;
            }
            switch (o.kind()) {
                case REFUSED -> refused++;
                case SERVED -> ok++;
                case ENGINE_REFUSED -> engineRefused++;
                case CRASHED -> crashed++;
            }
            if (o.kind() == Kind.ENGINE_REFUSED || o.kind() == Kind.CRASHED) {
                problems.add("#" + i + " " + m.description() + ": " + o.detail());
            }
            if (o.kind() != Kind.REFUSED) {
                progress.accept("#" + i + " " + o.kind() + ": " + m.description());
            }
        }
        return new FuzzReport(seed, count, refused, ok, engineRefused, crashed, problems);
    }

    enum Kind { REFUSED, SERVED, ENGINE_REFUSED, CRASHED }

    record Outcome(Kind kind, String detail) {
        static final Outcome REFUSED = new Outcome(Kind.REFUSED, "");
    }

    /** Starts a runner on the mutant, asks for four tokens, stops it; a signal exit or hs_err file is a crash. */
    private Outcome serve(Path model, int index) throws IOException, InterruptedException {
        Path log = Files.createDirectories(workDir.resolve("runner-" + index)).resolve("runner.log");
        List<String> args = List.of("--model", model.toString(), "--port", "0", "--ctx", "256", "--parallel", "1", "--threads", "1");
        int exit;
        try (RunnerProcess p = RunnerProcess.start(args, log, START_TIMEOUT)) {
            int status = complete(p.base());
            exit = p.stop(Duration.ofSeconds(15));
            if (status != 200 || exit != 0) {
                return classify(exit, log, "completion answered " + status + ", runner exit " + exit);
            }
            return new Outcome(Kind.SERVED, "");
        } catch (IOException e) {
            return classify(-1, log, e.getMessage());
        }
    }

    /** The runner's folder holds its log and, after a JVM crash, its hs_err file (RunnerProcess puts it there). */
    private static Outcome classify(int exit, Path log, String detail) throws IOException {
        boolean hsErr;
        try (Stream<Path> s = Files.list(log.getParent())) {
            hsErr = s.anyMatch(f -> f.getFileName().toString().startsWith("hs_err_pid"));
        }
        String text = Files.readString(log);
        boolean crash = hsErr || exit > 128 || text.contains("GGML_ASSERT") || text.contains("A fatal error has been detected");
        return new Outcome(crash ? Kind.CRASHED : Kind.ENGINE_REFUSED, detail + " / " + RunnerProcess.lastLine(log));
    }

    private static String digest(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static int complete(URI base) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpRequest req = HttpRequest.newBuilder(base.resolve("v1/completions")).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"Hello\",\"max_tokens\":4}")).build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
