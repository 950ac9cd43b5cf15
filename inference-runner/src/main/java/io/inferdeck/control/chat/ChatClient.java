package io.inferdeck.control.chat;

import io.inferdeck.control.endpoint.EngineEndpoint;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Streams OpenAI chat completions from an engine (built-in runner, llama-server, vLLM, remote). HTTP/1.1
 * so that cancelling closes the connection, which is how the engine learns to stop generating.
 * Thread-safe; each {@link #prepare} gives a one-shot {@link ChatCall}.
 */
public final class ChatClient {
    private final HttpClient http;
    private final LongSupplier nanos;

    /** @param nanos monotonic nanoseconds (System::nanoTime in production) for TTFT and e2e. */
    public ChatClient(LongSupplier nanos) {
        this.nanos = nanos;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).build();
    }

    public ChatCall prepare(EngineEndpoint endpoint, ChatRequest request) {
        return new ChatCall(http, nanos, endpoint, request);
    }

    HttpClient http() {
        return http;
    }
}
