package io.inferdeck.control.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.control.gateway.filter.StreamGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Live filtering of a streamed (SSE) reply, line by line as it arrives: each {@code data:} event's text goes
 * through its choice's {@link StreamGuard} and the event is sent on with what the guard released (an event is
 * re-written only when its text changed; every other line and field passes as it came). Text a guard still holds
 * when its choice finishes rides on the finishing event; at {@code [DONE]} or the end of the body it goes out in
 * an added event shaped like the choice's last one. A block sends an error event in OpenAI's error shape, then
 * {@link ReplyBlocked}: the stream ends without {@code [DONE]}. Confined to the request's thread.
 */
final class SseReplyFilter extends ReplyOutput {
    private static final ObjectMapper JSON = GatewayJson.REPLY;
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final Screening screen;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private final Map<Integer, Choice> choices = new TreeMap<>();

    /** One choice's text: its guard, whether it finished, and its last event (the shape of an added one). */
    private static final class Choice {
        final StreamGuard guard;
        boolean done;
        ObjectNode lastEvent;

        Choice(StreamGuard guard) {
            this.guard = guard;
        }
    }

    SseReplyFilter(OutputStream out, Screening screen) {
        this.out = out;
        this.screen = screen;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                line.write(b, start, i + 1 - start);
                start = i + 1;
                line();
            }
        }
        line.write(b, start, off + len - start);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    void finish() throws IOException {
        releaseTails();
        line.writeTo(out);   // an unterminated last line, as it came
        line.reset();
    }

    private void line() throws IOException {
        byte[] raw = line.toByteArray();
        line.reset();
        if (!java.util.Arrays.equals(raw, 0, Math.min(raw.length, DATA.length), DATA, 0, DATA.length)) {
            out.write(raw);
            return;
        }
        String text = new String(raw, StandardCharsets.UTF_8);
        String data = text.substring(DATA.length).strip();
        if (data.equals("[DONE]")) {
            releaseTails();
            out.write(raw);
            return;
        }
        if (!(parse(data) instanceof ObjectNode event) || !event.path("choices").isArray()) {
            out.write(raw);   // not a chunk (an engine's own error event): nothing to filter
            return;
        }
        boolean changed = false;
        for (JsonNode c : event.path("choices")) {
            changed |= c instanceof ObjectNode choice && filter(event, choice);
        }
        out.write(changed ? ("data: " + JSON.writeValueAsString(event) + (text.endsWith("\r\n") ? "\r\n" : "\n"))
                .getBytes(StandardCharsets.UTF_8) : raw);
    }

    /** @return true when the choice's text was replaced */
    private boolean filter(ObjectNode event, ObjectNode choice) throws IOException {
        Optional<String> text = ReplyText.streamed(choice);
        boolean ends = choice.hasNonNull("finish_reason");
        if (text.isEmpty() && !ends) {
            return false;
        }
        Choice c = choices.computeIfAbsent(choice.path("index").asInt(0), i -> new Choice(screen.newGuard()));
        if (c.done) {
            return false;
        }
        c.lastEvent = event;
        String released = text.isPresent() ? release(c.guard.accept(text.get())) : "";
        if (ends) {
            released += release(c.guard.finish());
            c.done = true;
        }
        screen.captured(released);
        if (released.equals(text.orElse(""))) {
            return false;
        }
        ReplyText.setStreamed(choice, released);
        return true;
    }

    private String release(StreamGuard.Release r) throws IOException {
        if (r.blocked()) {
            out.write(("data: " + screen.blockedBody() + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new ReplyBlocked();
        }
        return r.text();
    }

    /** Sends what each unfinished choice still holds, in an event of its own. */
    private void releaseTails() throws IOException {
        for (Map.Entry<Integer, Choice> e : choices.entrySet()) {
            Choice c = e.getValue();
            if (c.done) {
                continue;
            }
            c.done = true;
            String tail = release(c.guard.finish());
            screen.captured(tail);
            if (tail.isEmpty()) {
                continue;
            }
            ObjectNode added = c.lastEvent.deepCopy();
            added.remove("usage");
            ObjectNode choice = added.putArray("choices").addObject();
            choice.put("index", e.getKey());
            if (ReplyText.completions(c.lastEvent.path("choices").path(0))) {
                choice.put("text", tail);
            } else {
                choice.putObject("delta").put("content", tail);
            }
            choice.putNull("finish_reason");
            out.write(("data: " + JSON.writeValueAsString(added) + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            return null;
        }
    }
}
