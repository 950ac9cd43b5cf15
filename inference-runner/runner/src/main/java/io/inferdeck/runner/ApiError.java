package io.inferdeck.runner;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the API answers with an error, in OpenAI's shape:
 * {@code {"error":{"message":...,"type":...,"param":...,"code":...}}}. The message is meant for the
 * client and never carries a stack trace.
 */
final class ApiError extends Exception {
    final int status;
    final String type;
    final String param;
    final String code;

    ApiError(int status, String type, String message, String param, String code) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    static ApiError badRequest(String message, String param) {
        return new ApiError(400, "invalid_request_error", message, param, null);
    }

    static ApiError badRequest(String message, String param, String code) {
        return new ApiError(400, "invalid_request_error", message, param, code);
    }

    static ApiError unauthorized() {
        return new ApiError(401, "authentication_error", "Missing or incorrect API key: send 'Authorization: Bearer <key>'.",
                null, "invalid_api_key");
    }

    static ApiError notFound(String path) {
        return new ApiError(404, "not_found_error", "No endpoint " + path, null, null);
    }

    static ApiError methodNotAllowed(String method, String path) {
        return new ApiError(405, "invalid_request_error", method + " is not supported on " + path, null, null);
    }

    static ApiError tooLarge(long limit) {
        return new ApiError(413, "invalid_request_error", "Request body exceeds " + limit + " bytes", null, null);
    }

    static ApiError unsupportedMediaType(String got) {
        return new ApiError(415, "invalid_request_error", "POST bodies must be sent as Content-Type: application/json"
                + (got == null ? " (none was given)" : " (got " + got + ")"), null, "unsupported_media_type");
    }

    /** An HTTP-level refusal (bad framing, oversized headers) produced by the server, not by an endpoint. */
    static ApiError ofStatus(int status, String message) {
        String type = switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
        return new ApiError(status, type, message, null, null);
    }

    static ApiError queueFull(int slots, int queue) {
        return new ApiError(429, "rate_limit_error", "Server busy: all " + slots + " slots are generating and "
                + queue + " requests are already waiting; retry later.", null, "queue_full");
    }

    static ApiError unavailable(String why) {
        return new ApiError(503, "unavailable_error", why, null, null);
    }

    static ApiError internal() {
        return new ApiError(500, "server_error", "Internal error while generating; see the runner log.", null, null);
    }

    ObjectNode toJson() {
        ObjectNode err = JsonNodeFactory.instance.objectNode();
        ObjectNode e = err.putObject("error");
        e.put("message", getMessage());
        e.put("type", type);
        e.put("param", param);
        e.put("code", code);
        return err;
    }
}
