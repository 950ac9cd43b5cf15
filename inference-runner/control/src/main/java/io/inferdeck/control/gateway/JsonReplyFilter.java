package io.inferdeck.control.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.control.gateway.filter.StreamGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;

/**
 * Live filtering of a whole (non-streamed) JSON reply: the body is held until the upstream finished, then each
 * choice's text goes through a {@link StreamGuard} as one piece and the body is sent with the released (masked)
 * texts, or, on a block, replaced by a 400 {@code content_policy} error. Error replies and bodies without
 * {@code choices} pass as they came. A reply over {@link #MAX_BYTES} is not held: filtered, it is refused (502);
 * only captured, it passes uncaptured. Confined to the request's thread.
 */
final class JsonReplyFilter extends ReplyOutput {
    /** Twice the ReplyMeter's examined size: a reply larger than this is no chat completion. */
    static final int MAX_BYTES = 16 << 20;
    private static final ObjectMapper JSON = GatewayJson.REPLY;

    private final OutputStream out;
    private final Response response;
    private final Screening screen;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean passing;

    JsonReplyFilter(OutputStream out, Response response, Screening screen) {
        this.out = out;
        this.response = response;
        this.screen = screen;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (passing) {
            out.write(b, off, len);
        } else if (body.size() + len <= MAX_BYTES) {
            body.write(b, off, len);
        } else if (screen.filtersOutput()) {
            refuse(502, "the reply is larger than " + MAX_BYTES + " bytes and cannot be filtered", "reply_too_large");
        } else {
            passing = true;
            body.writeTo(out);
            out.write(b, off, len);
        }
    }

    /** Nothing is sent before the whole reply was judged. */
    @Override
    public void flush() throws IOException {
        if (passing) {
            out.flush();
        }
    }

    @Override
    void finish() throws IOException {
        if (passing) {
            return;
        }
        byte[] raw = body.toByteArray();
        JsonNode root = response.getStatus() < 400 ? parse(raw) : null;
        if (!(root instanceof ObjectNode reply) || !reply.path("choices").isArray()) {
            out.write(raw);
            return;
        }
        boolean changed = false;
        for (JsonNode c : reply.path("choices")) {
            Optional<String> text = c instanceof ObjectNode ? ReplyText.whole(c) : Optional.empty();
            if (text.isEmpty()) {
                continue;
            }
            StreamGuard guard = screen.newGuard();
            StreamGuard.Release head = guard.accept(text.get());
            StreamGuard.Release tail = head.blocked() ? head : guard.finish();
            if (tail.blocked()) {
                refuse(400, screen.blockedMessage(), "content_policy");
            }
            String released = head.text() + tail.text();
            screen.captured(released);
            if (!released.equals(text.get())) {
                ReplyText.setWhole((ObjectNode) c, released);
                changed = true;
            }
        }
        out.write(changed ? JSON.writeValueAsBytes(reply) : raw);
    }

    private void refuse(int status, String message, String code) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        out.write(OpenAiErrors.body(message, OpenAiErrors.type(status), code).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        throw new ReplyBlocked();
    }

    private static JsonNode parse(byte[] raw) {
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }
}
