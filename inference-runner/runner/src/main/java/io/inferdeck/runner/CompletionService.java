package io.inferdeck.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferdeck.runner.Engine.TokenStream;
import io.inferdeck.runner.RunnerMetrics.Outcome;
import java.io.IOException;
import java.time.Clock;

/**
 * Runs one completion request end to end: admission, template, exact token count, context check,
 * generation, streaming, metrics. Errors found before any byte is sent are thrown as {@link ApiError};
 * after a stream has started they are sent as a final SSE {@code data: {"error":...}} event.
 * Thread-safe; one call per request thread (a platform thread: generation blocks in native code, which
 * would pin a virtual thread's carrier).
 */
final class CompletionService {
    /** Where one request's response goes; the HTTP layer implements it. */
    interface Sink {
        void json(int status, JsonNode body) throws IOException;

        /** Sends 200 with text/event-stream headers. */
        void startEvents() throws IOException;

        /** Sends {@code data: <data>\n\n} and flushes; throws when the client has gone away. */
        void event(String data) throws IOException;

        /** True once the client is known to have gone away; called by the request's own thread. */
        boolean clientGone();
    }

    private final Engine engine;
    private final SlotGate gate;
    private final RunnerMetrics metrics;
    private final String modelId;
    private final int ctxPerSlot;
    private final KvEstimate kv;
    private final Clock clock;
    private volatile boolean aborting;

    CompletionService(Engine engine, SlotGate gate, RunnerMetrics metrics, String modelId, int ctxPerSlot, Clock clock) {
        this.engine = engine;
        this.gate = gate;
        this.metrics = metrics;
        this.modelId = modelId;
        this.ctxPerSlot = ctxPerSlot;
        this.kv = new KvEstimate(ctxPerSlot, gate.slots());
        metrics.kvEstimate(kv);
        this.clock = clock;
    }

    /** The engine, for requests that only need its tokenizer (/tokenize); no slot is taken for them. */
    Engine engine() {
        return engine;
    }

    /**
     * Admission first, then the expensive part: the template and the tokenizer run only for a request that
     * holds a slot, so a flood of requests costs 429s, not CPU. A client that leaves while queued or while
     * its prompt is prepared is dropped before the next step (CANCELLED).
     *
     * @param receivedNanos System.nanoTime() when the request arrived; latencies are measured from it
     */
    Outcome run(CompletionRequest req, long receivedNanos, Sink sink) throws ApiError, IOException, InterruptedException {
        switch (gate.acquire(sink::clientGone)) {
            case QUEUE_FULL -> throw ApiError.queueFull(gate.slots(), gate.waiting());
            case CLOSED -> throw ApiError.unavailable("The runner is shutting down.");
            case ABANDONED -> {
                return Outcome.CANCELLED;
            }
            case ADMITTED -> { }
        }
        try {
            if (sink.clientGone()) {
                return Outcome.CANCELLED;
            }
            String prompt;
            int promptTokens;
            try {
                prompt = req.kind() == CompletionRequest.Kind.CHAT ? engine.chatPrompt(req.system(), req.turns()) : req.prompt();
                if (sink.clientGone()) {
                    return Outcome.CANCELLED;
                }
                promptTokens = engine.promptTokens(prompt);
            } catch (EngineException e) {
                throw ApiError.badRequest("The model could not tokenize this input: " + e.getMessage(), req.kind().inputParam);
            }
            int maxTokens = checkContext(req, promptTokens);
            metrics.promptTokensTotal.inc(promptTokens);
            try (KvEstimate.Share cells = kv.open()) {
                cells.add(promptTokens);
                return generate(req, prompt, promptTokens, req.sampling().withMaxTokens(maxTokens), receivedNanos, sink, cells);
            }
        } finally {
            gate.release();
        }
    }

    /** Refuses what llama.cpp would silently truncate: prompt + max_tokens must fit one slot's context. */
    private int checkContext(CompletionRequest req, int promptTokens) throws ApiError {
        int room = ctxPerSlot - promptTokens;
        int max = req.maxTokens().orElse(room);
        if (room < 1 || max > room) {
            String asked = req.maxTokens().isPresent() ? " and max_tokens asks for " + max + " (total " + (promptTokens + max) + ")"
                    : ", leaving no room to generate";
            throw ApiError.badRequest("This runner's context per request slot is " + ctxPerSlot + " tokens (--ctx divided by "
                    + "--parallel); this request's input (" + req.kind().inputParam + ") is " + promptTokens + " tokens" + asked
                    + ". Shorten the input or lower max_tokens.", req.kind().inputParam, "context_length_exceeded");
        }
        return max;
    }

    private Outcome generate(CompletionRequest req, String prompt, int promptTokens, Sampling sampling, long t0, Sink sink,
                             KvEstimate.Share cells) throws IOException {
        OpenAiJson json = new OpenAiJson(req.kind(), modelId, clock.instant().getEpochSecond());
        StringBuilder text = req.stream() ? null : new StringBuilder();
        TokenStream g;
        try {
            g = engine.start(prompt, sampling);
        } catch (EngineException e) {
            RunnerLog.error(e.getMessage());
            sink.json(500, ApiError.internal().toJson());
            return Outcome.ERROR;
        }
        int tokens = 0;
        long last = 0;
        boolean finished = false;
        try {
            if (req.stream()) {
                sink.startEvents();
            }
            for (String piece; (piece = g.next()) != null; ) {
                long now = System.nanoTime();
                (tokens == 0 ? metrics.timeToFirstToken : metrics.interTokenLatency).observe((now - (tokens == 0 ? t0 : last)) / 1e9);
                last = now;
                tokens++;
                cells.add(1);
                metrics.generatedTokensTotal.inc();
                if (aborting || sink.clientGone()) {
                    return Outcome.CANCELLED;
                }
                if (text != null) {
                    text.append(piece);
                } else {
                    sink.event(json.tokenChunk(piece));
                }
            }
            finished = true;
            String finish = tokens >= sampling.maxTokens() ? "length" : "stop";
            if (text != null) {
                sink.json(200, json.response(text.toString(), finish, promptTokens, tokens));
            } else {
                sink.event(json.chunk(null, finish).toString());
                if (req.includeUsage()) {
                    sink.event(json.usageChunk(promptTokens, tokens).toString());
                }
                sink.event("[DONE]");
            }
        } catch (IOException clientGone) {
            return Outcome.CANCELLED;
        } catch (EngineException e) {
            finished = true; // llama.cpp already dropped the task
            RunnerLog.error(e.getMessage());
            if (req.stream()) {
                sink.event(ApiError.internal().toJson().toString());
            } else {
                sink.json(500, ApiError.internal().toJson());
            }
            return Outcome.ERROR;
        } finally {
            if (!finished) {
                g.cancel();
            }
        }
        metrics.requestDuration.observe((System.nanoTime() - t0) / 1e9);
        metrics.promptTokens.observe(promptTokens);
        metrics.generatedTokens.observe(tokens);
        return Outcome.OK;
    }

    /** Makes every running generation stop at its next token (shutdown after the grace period). */
    void abortAll() {
        aborting = true;
    }
}
