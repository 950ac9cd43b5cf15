package io.inferdeck.services.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.chat.Sampling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationStoreTest {

    @TempDir
    Path dir;

    private final ConversationStore store = new ConversationStore();
    private final Conversation chat = new Conversation("Be terse.",
            new Sampling(0.3, 0.9, 20, 64, 7L, List.of("END"), 0.5, null),
            List.of(new Conversation.Message("user", "first", "DONE", "", ""),
                    new Conversation.Message("assistant", "partial rep", "STOPPED", "TTFT 12 ms · tiny", "Stopped — partial reply")));

    @Test
    void jsonRoundTripsEverythingAndReplacesTheOldFileWhole() throws Exception {
        Path file = dir.resolve("sub/chat.json");
        store.save(new Conversation("old", chat.sampling(), List.of()), file);

        store.save(chat, file);

        assertThat(store.load(file)).isEqualTo(chat);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("chat.json");
        }
    }

    @Test
    void markdownHasSystemTurnsNotesAndFigures() throws Exception {
        Path file = dir.resolve("chat.md");

        store.exportMarkdown(chat, file);

        assertThat(Files.readString(file)).startsWith("# Conversation\n\n**System:** Be terse.")
                .contains("### User\n\nfirst", "### Assistant\n\npartial rep", "> Stopped — partial reply", "_TTFT 12 ms · tiny_");
    }

    @Test
    void refusesFilesThatAreNotSavedConversations() throws Exception {
        Path broken = dir.resolve("bad.json");
        Files.writeString(broken, "{\"messages\": [");
        Path foreign = dir.resolve("other.json");
        Files.writeString(foreign, "{\"messages\": []}");

        assertThatThrownBy(() -> store.load(broken)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("bad.json is not valid JSON");
        assertThatThrownBy(() -> store.load(foreign)).isInstanceOf(IOException.class)
                .hasMessage("other.json is not an InferDeck conversation (format field missing)");
    }
}
