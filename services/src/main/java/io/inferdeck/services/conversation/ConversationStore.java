package io.inferdeck.services.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.common.io.AtomicFiles;
import io.inferdeck.control.chat.Sampling;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversations on disk: JSON that round-trips everything ({@link #save}, {@link #load}) and a Markdown
 * export for reading. Every write is atomic ({@link AtomicFiles}): a crash leaves the old file or the new
 * one, never half of either. Thread-safe (no mutable state); blocking: call it off the FX thread.
 */
public final class ConversationStore {
    /** The format marker; a file without it is refused rather than half-read. */
    static final String FORMAT = "inferdeck-conversation/1";

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void save(Conversation c, Path file) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("system", c.system());
        root.set("sampling", json.valueToTree(c.sampling()));
        ArrayNode msgs = root.putArray("messages");
        for (Conversation.Message m : c.messages()) {
            msgs.addObject().put("role", m.role()).put("content", m.content()).put("state", m.state())
                    .put("stats", m.stats()).put("note", m.note());
        }
        AtomicFiles.writeString(file, json.writeValueAsString(root));
    }

    /** @throws IOException with a readable message when the file is not a saved conversation */
    public Conversation load(Path file) throws IOException {
        JsonNode root;
        try {
            root = json.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file.getFileName() + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file.getFileName() + " is not an InferDeck conversation (format field missing)");
        }
        Sampling s = json.treeToValue(root.path("sampling"), Sampling.class);
        List<Conversation.Message> messages = new ArrayList<>();
        for (JsonNode m : root.path("messages")) {
            messages.add(new Conversation.Message(m.path("role").asText(), m.path("content").asText(),
                    m.path("state").asText("DONE"), m.path("stats").asText(""), m.path("note").asText("")));
        }
        return new Conversation(root.path("system").asText(""), s, messages);
    }

    public void exportMarkdown(Conversation c, Path file) throws IOException {
        AtomicFiles.writeString(file, markdown(c));
    }

    static String markdown(Conversation c) {
        StringBuilder b = new StringBuilder("# Conversation\n\n");
        if (!c.system().isBlank()) {
            b.append("**System:** ").append(c.system()).append("\n\n");
        }
        for (Conversation.Message m : c.messages()) {
            b.append("### ").append(m.role().equals("user") ? "User" : "Assistant").append("\n\n")
                    .append(m.content()).append("\n\n");
            if (!m.note().isEmpty()) {
                b.append("> ").append(m.note()).append("\n\n");
            }
            if (!m.stats().isEmpty()) {
                b.append("_").append(m.stats()).append("_\n\n");
            }
        }
        return b.toString();
    }
}
