package io.inferdeck.control.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Every refusal the gateway writes, in OpenAI's error shape {@code {"error":{message,type,param,code}}}. */
final class OpenAiErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiErrors() {
    }

    static String body(String message, String type, String code) {
        return body(message, type, null, code);
    }

    /** {@code param}: the request field the error is about (OpenAI's clients show it); null for none. */
    static String body(String message, String type, String param, String code) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", message);
        e.put("type", type);
        e.put("param", param);
        if (code == null) {
            e.putNull("code");
        } else {
            e.put("code", code);
        }
        return root.toString();
    }

    /** The type OpenAI's clients expect for a status. */
    static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 502, 503, 504 -> "unavailable_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    static void write(Response response, Callback callback, int status, String message, String code) {
        write(response, callback, status, message, null, code);
    }

    static void write(Response response, Callback callback, int status, String message, String param, String code) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(message, type(status), param, code).getBytes(StandardCharsets.UTF_8)), callback);
    }
}
