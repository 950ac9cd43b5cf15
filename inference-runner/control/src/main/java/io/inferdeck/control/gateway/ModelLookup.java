package io.inferdeck.control.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;

/**
 * {@code GET /v1/models/{id}} (OpenAI's "retrieve model"), answered from an upstream's {@code GET /v1/models}
 * list: the list is part of every OpenAI-compatible API, the single-model route is not (InferDeck's runner
 * lacks it), so one rule serves every engine. The id is the rest of the path, percent-decoded (clients encode
 * the {@code /} of ids such as {@code org/model}). An id the list lacks is a 404 {@code model_not_found}; an
 * upstream's own refusal (a wrong key) is relayed as it came; no healthy upstream is a 503. The client's
 * {@code Authorization} goes with the lookup. Blocking: runs on the request's virtual thread. Thread-safe.
 */
final class ModelLookup {
    static final String PREFIX = "/v1/models/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final UpstreamPool pool;
    private final GatewayConfig config;

    ModelLookup(HttpClient client, UpstreamPool pool, GatewayConfig config) {
        this.client = client;
        this.pool = pool;
        this.config = config;
    }

    /** Whether this request is a model lookup. */
    static boolean answers(Request request) {
        String path = request.getHttpURI().getPath();
        return request.getMethod().equals("GET") && path.startsWith(PREFIX) && path.length() > PREFIX.length();
    }

    void answer(Request request, Response response, Callback callback) throws InterruptedException {
        String id = URIUtil.decodePath(request.getHttpURI().getPath().substring(PREFIX.length()));
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        List<Upstream> tried = new ArrayList<>();
        for (Optional<Upstream> u = pool.pick(tried); u.isPresent(); u = pool.pick(tried)) {
            tried.add(u.get());
            ContentResponse list;
            try {
                list = client.newRequest(u.get().baseUrl().resolve("/v1/models")).method(HttpMethod.GET)
                        .headers(h -> {
                            if (authorization != null) {
                                h.put(HttpHeader.AUTHORIZATION, authorization);
                            }
                        })
                        .timeout(config.firstByteTimeout().toMillis(), TimeUnit.MILLISECONDS).send();
            } catch (ExecutionException | TimeoutException e) {
                continue;   // nothing reached the client yet: the next upstream may answer
            }
            if (list.getStatus() != 200) {
                response.setStatus(list.getStatus());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                Content.Sink.write(response, true, list.getContentAsString(), callback);
                return;
            }
            Optional<JsonNode> model = find(list.getContentAsString(), id);
            if (model.isPresent()) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                Content.Sink.write(response, true, model.get().toString(), callback);
            } else {
                OpenAiErrors.write(response, callback, 404, "The model '" + id + "' does not exist", "model",
                        "model_not_found");
            }
            return;
        }
        boolean none = tried.isEmpty();
        OpenAiErrors.write(response, callback, none ? 503 : 502, none ? "no healthy upstream" : "every upstream failed to answer",
                none ? "no_healthy_upstream" : "upstream_failed");
    }

    /** The {@code data[]} entry with this id; empty when absent or the list is not OpenAI's shape. */
    static Optional<JsonNode> find(String listJson, String id) {
        try {
            for (JsonNode m : JSON.readTree(listJson).path("data")) {
                if (m.path("id").asText().equals(id)) {
                    return Optional.of(m);
                }
            }
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
