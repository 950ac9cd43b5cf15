package io.inferdeck.control.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferdeck.control.endpoint.EngineEndpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * One streamed chat reply. {@link #run} blocks its (background) thread until the stream ends and never
 * throws for engine trouble: every failure becomes a {@link ChatResult} with a clear message.
 * {@link #cancel} may be called from any thread; it closes the connection, so the engine cancels the
 * generation (the built-in runner counts it as {@code outcome="cancelled"}).
 */
public final class ChatCall {
    private final HttpClient http;
    private final LongSupplier nanos;
    private final EngineEndpoint endpoint;
    private final ChatRequest request;
    private volatile boolean cancelled;
    private volatile CompletableFuture<HttpResponse<InputStream>> pending;
    private volatile InputStream body;

    ChatCall(HttpClient http, LongSupplier nanos, EngineEndpoint endpoint, ChatRequest request) {
        this.http = http;
        this.nanos = nanos;
        this.endpoint = endpoint;
        this.request = request;
    }

    public void cancel() {
        cancelled = true;
        CompletableFuture<?> p = pending;
        if (p != null) {
            p.cancel(true);
        }
        closeQuietly(body);
    }

    public ChatResult run(ChatListener listener) {
        StreamState st = new StreamState(nanos.getAsLong());
        HttpRequest.Builder rb = HttpRequest.newBuilder(endpoint.resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString(request.toJson()));
        endpoint.key().ifPresent(k -> rb.header("Authorization", "Bearer " + k));
        HttpResponse<InputStream> response;
        try {
            pending = http.sendAsync(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (cancelled) {
                pending.cancel(true);
            }
            response = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return st.end(ChatResult.Outcome.CANCELLED, null);
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            if (cancelled) {
                return st.end(ChatResult.Outcome.CANCELLED, null);
            }
            return st.end(ChatResult.Outcome.FAILED, unreachable(e.getCause() == null ? e : e.getCause()));
        }
        body = response.body();
        if (cancelled) {
            closeQuietly(body);
            return st.end(ChatResult.Outcome.CANCELLED, null);
        }
        if (response.statusCode() != 200) {
            return st.end(ChatResult.Outcome.FAILED, refused(response.statusCode(), readAll(body)));
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            // after cancel() nothing more is delivered, even events already buffered
            while (!cancelled && (line = in.readLine()) != null) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                String data = line.substring(5).strip();
                if (data.equals("[DONE]")) {
                    return st.end(ChatResult.Outcome.COMPLETED, null);
                }
                String error = st.event(ChatRequest.JSON.readTree(data), listener);
                if (error != null) {
                    return st.end(ChatResult.Outcome.FAILED, "Engine error mid-stream: " + error + " (partial reply kept)");
                }
            }
        } catch (IOException e) {
            if (cancelled) {
                return st.end(ChatResult.Outcome.CANCELLED, null);
            }
            return st.end(ChatResult.Outcome.FAILED, "Engine stopped mid-stream (" + e.getClass().getSimpleName()
                    + "); partial reply kept");
        }
        if (cancelled) {
            return st.end(ChatResult.Outcome.CANCELLED, null);
        }
        return st.end(ChatResult.Outcome.FAILED, "Engine closed the stream before it finished; partial reply kept");
    }

    private String unreachable(Throwable cause) {
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
            return "Engine not reachable at " + endpoint.baseUrl() + " — is it running?";
        }
        return "Request to " + endpoint.baseUrl() + " failed: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** "Engine refused the request (400): max_tokens: must be ≥ 1" from OpenAI's error JSON, or the raw body. */
    static String refused(int status, String bodyText) {
        String message = bodyText.strip();
        try {
            JsonNode err = ChatRequest.JSON.readTree(bodyText).path("error");
            if (err.hasNonNull("message")) {
                message = err.get("message").asText();
            }
        } catch (IOException notJson) {
            // keep the raw body (non-OpenAI proxies answer HTML or plain text)
        }
        if (message.length() > 300) {
            message = message.substring(0, 300) + "…";
        }
        return "Engine refused the request (" + status + "): " + message;
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is the cancellation; a failure to close changes nothing for the caller
            }
        }
    }

    /** Accumulates text and figures; confined to the thread running {@link #run}. */
    private final class StreamState {
        final long sent;
        final StringBuilder text = new StringBuilder();
        long firstToken = -1;
        int events;
        int promptTokens = -1;
        int completionTokens = -1;
        String finish;

        StreamState(long sent) {
            this.sent = sent;
        }

        /** Returns an error message if the event is an error, else null. */
        String event(JsonNode ev, ChatListener listener) {
            if (ev.has("error")) {
                return ev.path("error").path("message").asText("unknown error");
            }
            JsonNode choice = ev.path("choices").path(0);
            JsonNode content = choice.path("delta").path("content");
            if (content.isTextual()) {
                if (firstToken < 0) {
                    firstToken = nanos.getAsLong();
                }
                events++;
                text.append(content.asText());
                listener.onDelta(content.asText());
            }
            if (choice.hasNonNull("finish_reason")) {
                finish = choice.get("finish_reason").asText();
                listener.onFinish(finish);
            }
            JsonNode usage = ev.path("usage");
            if (usage.isObject()) {
                promptTokens = usage.path("prompt_tokens").asInt(-1);
                completionTokens = usage.path("completion_tokens").asInt(-1);
                listener.onUsage(promptTokens, completionTokens);
            }
            return null;
        }

        ChatResult end(ChatResult.Outcome outcome, String error) {
            long end = nanos.getAsLong();
            ReplyStats stats = new ReplyStats(firstToken < 0 ? -1 : firstToken - sent, end - sent, promptTokens,
                    completionTokens, events, outcome == ChatResult.Outcome.CANCELLED ? "cancelled" : finish);
            return new ChatResult(outcome, text.toString(), stats, error);
        }
    }
}
