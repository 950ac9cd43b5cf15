package io.inferdeck.views.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.control.chat.Sampling;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversations on disk: JSON (round-trips system prompt, sampling, turns with their figures) and Markdown
 * export. Writes are atomic (temp file in the same folder, then rename), so a crash never leaves half a file.
 * Pure functions of their arguments; call them off the FX thread.
 */
public final class ConversationFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A conversation as plain data, detached from the FX objects. */
    public record Conversation(String system, Sampling sampling, List<Message> messages) {
    }

    public record Message(String role, String content, String state, String stats, String note) {
    }

    private ConversationFiles() {
    }

    public static void saveJson(Conversation c, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "inferdeck-conversation/1");
        root.put("system", c.system());
        root.set("sampling", JSON.valueToTree(c.sampling()));
        ArrayNode msgs = root.putArray("messages");
        for (Message m : c.messages()) {
            msgs.addObject().put("role", m.role()).put("content", m.content()).put("state", m.state())
                    .put("stats", m.stats()).put("note", m.note());
        }
        writeAtomically(file, JSON.writeValueAsString(root));
    }

    /** @throws IOException with a readable message when the file is not a saved conversation */
    public static Conversation loadJson(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file.getFileName() + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !"inferdeck-conversation/1".equals(root.path("format").asText())) {
            throw new IOException(file.getFileName() + " is not an InferDeck conversation (format field missing)");
        }
        Sampling s = JSON.treeToValue(root.path("sampling"), Sampling.class);
        List<Message> messages = new ArrayList<>();
        for (JsonNode m : root.path("messages")) {
            messages.add(new Message(m.path("role").asText(), m.path("content").asText(), m.path("state").asText("DONE"),
                    m.path("stats").asText(""), m.path("note").asText("")));
        }
        return new Conversation(root.path("system").asText(""), s, messages);
    }

    public static String markdown(Conversation c) {
        StringBuilder b = new StringBuilder("# Conversation\n\n");
        if (!c.system().isBlank()) {
            b.append("**System:** ").append(c.system()).append("\n\n");
        }
        for (Message m : c.messages()) {
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

    public static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
