package io.inferdeck.runner;

import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.GgufValue;
import io.inferdeck.gguf.ModelSummary;
import io.inferdeck.gguf.ModelValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The engine process: {@code java -cp <classpath> io.inferdeck.runner.RunnerMain [flags]} (flags in
 * docs/runner.md). Order matters: flags and the GGUF file are validated in Java first, then the HTTP
 * port is bound (health says "loading"), then llama.cpp loads the model. Any failure before "ready" ends
 * the process with one line on stderr and exit code 1 (startup) or 2 (usage). SIGTERM/SIGINT drain and
 * exit 0, and so does the exit of the supervising process named in INFERDECK_SUPERVISOR_PID (no orphans).
 * The explicit System.exit is required: de.kherud:llama leaves a non-daemon native thread behind.
 */
public final class RunnerMain {
    /** How long in-flight requests may keep running after SIGTERM before they are cancelled. */
    static final int DRAIN_SECONDS = 5;

    private RunnerMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(Arrays.asList(args));
        } catch (RuntimeException | Error e) {
            // Without the explicit exit below, de.kherud's native thread would keep a broken runner alive.
            RunnerLog.error("unexpected failure: " + e);
            code = 1;
        }
        System.exit(code);
    }

    /** Serves until SIGTERM/SIGINT; returns the exit code. For in-process use by {@code inferdeck runner}. */
    public static int run(List<String> args) {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.print(usage());
            return 0;
        }
        try {
            RunnerOptions options = OptionsParser.parse(args, System.getenv());
            Path modelFile = DefaultModel.resolve(options.model());
            GgufFile gguf = read(modelFile);
            KnobValidator.check(options, gguf).forEach(w -> RunnerLog.info("warning: " + w));
            return serve(options, gguf);
        } catch (RunnerConfigException e) {
            RunnerLog.error(e.getMessage());
            return e.exitCode();
        }
    }

    private static GgufFile read(Path file) throws RunnerConfigException {
        try {
            return ModelValidator.read(file);
        } catch (GgufFormatException e) {
            throw RunnerConfigException.startup("invalid model: " + e.getMessage());
        }
    }

    private static int serve(RunnerOptions o, GgufFile gguf) throws RunnerConfigException {
        SlotGate gate = new SlotGate(o.parallel(), o.queue());
        RunnerMetrics metrics = new RunnerMetrics(gate);
        RunnerState state = new RunnerState();
        ApiServer api;
        try {
            api = ApiServer.start(ApiServer.Config.of(o), state, metrics, gate, new BearerAuth(o.apiKey()));
        } catch (IOException e) {
            throw RunnerConfigException.startup("cannot listen on " + o.host() + ":" + o.port() + ": " + e.getMessage());
        }
        RunnerLog.info("listening on http://" + hostForUrl(o.host()) + ":" + api.port() + " (loading " + gguf.path() + ")");
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTerminate(stop::countDown);
        try {
            SupervisorWatch.arm(System.getenv(), stop::countDown);
        } catch (RunnerConfigException e) {
            api.stop(0);
            throw e;
        }
        NativeSetup natives;
        try {
            natives = NativeSetup.prepare(o.libPath());
        } catch (IOException e) {
            api.stop(0);
            throw RunnerConfigException.startup("cannot create a private directory for the native library: " + e.getMessage());
        }
        LlamaEngine engine;
        try {
            ModelSnapshot snapshot = ModelSnapshot.take(gguf, natives.privateDir());
            engine = loadEngine(o, gguf, snapshot.file(), natives);
            snapshot.release();
        } catch (RunnerConfigException e) {
            api.stop(0);
            natives.deletePrivateDir();
            throw e;
        }
        ModelSummary summary = ModelSummary.of(gguf);
        String id = ModelCard.idOf(gguf.path());
        String backend = NativeSetup.detectBackend();
        ModelCard card = new ModelCard(id, summary, gguf.path(), modifiedEpochSeconds(gguf.path()), backend,
                natives.loadedLibrary(), natives.customLoaded(), o);
        CompletionService service = new CompletionService(engine, gate, metrics, id, o.ctxPerSlot(), Clock.systemUTC());
        metrics.modelLoaded(id, summary, backend);
        state.ready(service, card);
        RunnerLog.info("ready: model " + id + " (" + summary.quant() + "), backend " + backend + ", " + o.parallel()
                + " slots x " + o.ctxPerSlot() + " tokens, " + o.threads() + " threads");
        awaitQuietly(stop);
        shutdown(state, gate, service, api, engine);
        natives.deletePrivateDir();
        return 0;
    }

    /** Loads the validated private copy of the model; native-library trouble becomes a one-line startup error. */
    private static LlamaEngine loadEngine(RunnerOptions o, GgufFile gguf, Path snapshot, NativeSetup natives)
            throws RunnerConfigException {
        LlamaEngine engine;
        try {
            engine = LlamaEngine.load(o, snapshot, addsBos(gguf), bosId(gguf));
        } catch (LinkageError e) {
            throw RunnerConfigException.startup("the llama.cpp native library failed to load (" + EngineException.firstLine(e)
                    + "); llama.cpp needs the GNU OpenMP runtime libgomp.so.1: if it is missing, apt-get install libgomp1");
        } catch (EngineException e) {
            throw RunnerConfigException.startup(e.getMessage());
        }
        if (natives.customRequested() && !natives.customLoaded()) {
            engine.close();
            throw RunnerConfigException.startup("the native library in " + o.libPath().map(Path::toString).orElse("the lib path")
                    + " failed to load (reason above; a missing libgomp.so.1 means: install libgomp1) and de.kherud fell back to"
                    + " its bundled CPU build; refusing to run on it");
        }
        return engine;
    }

    /** Stop accepting, let in-flight requests finish for {@link #DRAIN_SECONDS}, cancel the rest, close the model. */
    private static void shutdown(RunnerState state, SlotGate gate, CompletionService service, ApiServer api, LlamaEngine engine) {
        RunnerLog.info("stopping: draining " + gate.running() + " running and " + gate.waiting() + " waiting requests");
        state.stopping();
        gate.close();
        Thread aborter = Thread.ofPlatform().daemon().name("runner-drain").start(() -> {
            try {
                Thread.sleep(DRAIN_SECONDS * 1000L);
                service.abortAll();
            } catch (InterruptedException e) {
                // drained in time
            }
        });
        api.stop(DRAIN_SECONDS + 1);
        service.abortAll();
        aborter.interrupt();
        for (int i = 0; i < 100 && gate.running() > 0; i++) {
            sleepQuietly(50); // each aborted generation stops at its next token
        }
        engine.close();
        RunnerLog.info("stopped");
    }

    /** llama.cpp adds BOS when the GGUF says so; SentencePiece ("llama") vocabularies do by default. */
    static boolean addsBos(GgufFile g) {
        return g.value("tokenizer.ggml.add_bos_token").map(GgufValue::value).map(v -> v instanceof Boolean b ? b : null)
                .orElse("llama".equals(g.string("tokenizer.ggml.model").orElse("")));
    }

    /** BOS id from the GGUF; llama.cpp's SentencePiece default (1) when the file does not say. */
    static int bosId(GgufFile g) {
        return (int) g.integer("tokenizer.ggml.bos_token_id").orElse(1);
    }

    private static long modifiedEpochSeconds(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant().getEpochSecond();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    static String usage() {
        try (InputStream in = RunnerMain.class.getResourceAsStream("usage.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            return "usage: see docs/runner.md\n";
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // only a signal ends the runner
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
