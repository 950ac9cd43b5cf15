package io.inferdeck.views.playground;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One message of the transcript. Text grows only by appended chunks (one per dispatcher drain, not one per
 * token) so a view can add a node per chunk instead of re-laying out the whole reply. FX thread only.
 */
public final class Turn {

    public enum State { DONE, STREAMING, STOPPED, FAILED }

    private final String role;
    private final ObservableList<String> chunks = FXCollections.observableArrayList();
    // one wrapper kept for good: unmodifiable views hold their listeners weakly, a fresh one per call would lose them
    private final ObservableList<String> readOnlyChunks = FXCollections.unmodifiableObservableList(chunks);
    private final StringBuilder text = new StringBuilder();
    private final ReadOnlyObjectWrapper<State> state;
    private final ReadOnlyStringWrapper stats = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private io.inferdeck.control.chat.ReplyStats replyStats;

    Turn(String role, String initialText, State initial) {
        this.role = role;
        this.state = new ReadOnlyObjectWrapper<>(initial);
        append(initialText);
    }

    void append(String chunk) {
        if (!chunk.isEmpty()) {
            text.append(chunk);
            chunks.add(chunk);
        }
    }

    void finish(State end, String statsLine, String noteText) {
        state.set(end);
        stats.set(statsLine);
        note.set(noteText == null ? "" : noteText);
    }

    void figures(io.inferdeck.control.chat.ReplyStats figures) {
        replyStats = figures;
    }

    /** The measured figures of an assistant reply; null for user turns and loaded conversations. */
    public io.inferdeck.control.chat.ReplyStats replyStats() {
        return replyStats;
    }

    public String role() {
        return role;
    }

    public String text() {
        return text.toString();
    }

    /** Append-only: listeners see only additions. */
    public ObservableList<String> chunks() {
        return readOnlyChunks;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** "TTFT 12 ms · 85.3 tok/s · 18 → 32 tokens · length · e2e 0.41 s · tiny-q4_0 · Q4_0" */
    public ReadOnlyStringProperty statsProperty() {
        return stats.getReadOnlyProperty();
    }

    /** Why the reply is partial ("Stopped", the engine's error), empty otherwise. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }
}
