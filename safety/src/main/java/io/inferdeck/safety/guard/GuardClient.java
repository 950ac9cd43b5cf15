package io.inferdeck.safety.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.safety.pipeline.Side;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * One guard question over the engine's OpenAI-compatible chat endpoint: POST {@code model}, the messages,
 * {@code temperature 0}, {@code max_tokens 16} (the answer is two short lines), no streaming; the reply's
 * {@code choices[0].message.content} is parsed as a {@link GuardAnswer}. The whole call — connect, headers and
 * body — is bounded by the settings' timeout, the body by its byte cap. Thread-safe: the {@link HttpClient}
 * (owned by the caller, who picks its executor) is.
 */
public final class GuardClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final GuardSettings settings;
    private final String authorization;

    /** @param env reads an environment variable (System::getenv in production); the key is read once, here */
    public GuardClient(HttpClient http, GuardSettings settings, UnaryOperator<String> env) {
        this.http = http;
        this.settings = settings;
        this.authorization = settings.keyEnv().map(env).filter(k -> !k.isBlank()).map(k -> "Bearer " + k).orElse(null);
    }

    /** @throws GuardFailure.Exception naming why there is no answer */
    public GuardAnswer ask(String text, Side side) throws GuardFailure.Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(settings.chatUrl()).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(text, side)));
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(req.build(), CappedBody.handler(settings.maxReplyBytes()));
        HttpResponse<byte[]> response;
        try {
            response = call.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new GuardFailure.Exception(GuardFailure.TIMEOUT, "no reply within " + settings.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new GuardFailure.Exception(GuardFailure.IO, "interrupted");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
        if (response.statusCode() / 100 != 2) {
            throw new GuardFailure.Exception(GuardFailure.HTTP_STATUS, "HTTP " + response.statusCode());
        }
        return GuardAnswer.parse(content(response.body()))
                .orElseThrow(() -> new GuardFailure.Exception(GuardFailure.MALFORMED, "not a Llama Guard answer"));
    }

    private static GuardFailure.Exception failure(Throwable cause) {
        if (cause instanceof CappedBody.TooLarge || cause instanceof IOException && cause.getCause() instanceof CappedBody.TooLarge) {
            return new GuardFailure.Exception(GuardFailure.TOO_LARGE, "reply over the cap");
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return new GuardFailure.Exception(GuardFailure.TIMEOUT, cause.getClass().getSimpleName());
        }
        return new GuardFailure.Exception(GuardFailure.IO, cause.getClass().getSimpleName());
    }

    private String body(String text, Side side) {
        ObjectNode b = JSON.createObjectNode().put("model", settings.model()).put("temperature", 0)
                .put("max_tokens", 16).put("stream", false);
        var messages = b.putArray("messages");
        settings.prompt().messages(text, side).forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
        return b.toString();
    }

    private static String content(byte[] body) throws GuardFailure.Exception {
        try {
            JsonNode c = JSON.readTree(body).path("choices").path(0).path("message").path("content");
            if (!c.isTextual()) {
                throw new GuardFailure.Exception(GuardFailure.MALFORMED, "no choices[0].message.content");
            }
            return c.asText();
        } catch (IOException e) {
            throw new GuardFailure.Exception(GuardFailure.MALFORMED, "body is not JSON");
        }
    }
}
