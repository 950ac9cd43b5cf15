package io.inferdeck.tuning.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptSetTest {
    @TempDir
    Path dir;

    @Test
    void builtInMixesShortAndLongPrompts() {
        PromptSet s = PromptSet.builtIn();
        long longOnes = s.prompts().stream().filter(p -> p.length() > 1000).count();
        assertThat(longOnes).isEqualTo(2);
        assertThat(s.prompts()).hasSize(8);
        assertThat(s.get(8)).isEqualTo(s.get(0));
    }

    @Test
    void readsPromptAndMessagesLines() throws Exception {
        Path f = Files.writeString(dir.resolve("p.jsonl"), """
                {"prompt": "hello", "max_tokens": 5}

                {"messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"}]}
                """);
        PromptSet s = PromptSet.fromJsonl(f);
        assertThat(s.prompts()).hasSize(2);
        assertThat(s.get(0).maxTokens()).isEqualTo(5);
        assertThat(s.get(1).messages()).extracting(Prompt.Message::role).containsExactly("system", "user");
    }

    @Test
    void badLinesAreReportedWithTheirLineNumber() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.jsonl"), "{\"prompt\": \"ok\"}\n{\"text\": \"no\"}\n");
        assertThatThrownBy(() -> PromptSet.fromJsonl(f)).hasMessage("bad.jsonl line 2: expected \"prompt\" (string) or \"messages\" (array)");
        Path g = Files.writeString(dir.resolve("broken.jsonl"), "{\"prompt\": \n");
        assertThatThrownBy(() -> PromptSet.fromJsonl(g)).hasMessageStartingWith("broken.jsonl line 1:");
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n\n");
        assertThatThrownBy(() -> PromptSet.fromJsonl(empty)).hasMessageContaining("holds no prompts");
    }
}
