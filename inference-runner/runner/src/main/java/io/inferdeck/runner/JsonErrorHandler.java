package io.inferdeck.runner;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (a bad Content-Length, malformed chunked framing, headers over the limit, an
 * unparseable request line) in the runner's OpenAI error JSON instead of Jetty's HTML page. The message
 * is Jetty's one-line reason; no stack trace, no server version.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        byte[] body = json(code, message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Used when the request could not even be parsed far enough to dispatch it. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(json(status, reason));
    }

    private static byte[] json(int status, String message) {
        String why = message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
        return ApiError.ofStatus(status, "HTTP " + status + ": " + why).toJson().toString().getBytes(StandardCharsets.UTF_8);
    }
}
