package io.inferdeck.control.gateway;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Errors Jetty answers itself (headers too large, malformed requests, idle timeouts) in OpenAI's JSON shape too. */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        OpenAiErrors.write(response, callback, code, message == null ? "HTTP " + code : message, null);
    }
}
