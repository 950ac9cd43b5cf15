package io.inferdeck.views.playground;

import io.inferdeck.control.chat.ChatMessage;
import io.inferdeck.control.chat.Sampling;
import io.inferdeck.services.conversation.Conversation;
import java.util.ArrayList;
import java.util.List;

/** Converts a lane's turns to and from plain data: saved conversations and the request's messages. FX thread only. */
final class Transcripts {
    private Transcripts() {
    }

    static Conversation conversation(String system, Sampling sampling, List<Turn> turns) {
        return new Conversation(system, sampling, turns.stream().map(t -> new Conversation.Message(t.role(), t.text(),
                t.stateProperty().get().name(), t.statsProperty().get(), t.noteProperty().get())).toList());
    }

    /** Loaded turns; a reply saved while streaming comes back as stopped, an unknown state as done. */
    static List<Turn> turns(Conversation c) {
        List<Turn> out = new ArrayList<>();
        for (Conversation.Message m : c.messages()) {
            Turn.State state;
            try {
                state = Turn.State.valueOf(m.state());
            } catch (IllegalArgumentException e) {
                state = Turn.State.DONE;
            }
            Turn t = new Turn(m.role(), m.content(), state == Turn.State.STREAMING ? Turn.State.STOPPED : state);
            t.finish(t.stateProperty().get(), m.stats(), m.note());
            out.add(t);
        }
        return out;
    }

    /** The system prompt (if any), every turn, then {@code userText} (if any). */
    static List<ChatMessage> messages(String system, List<Turn> turns, String userText) {
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null && !system.isBlank()) {
            messages.add(ChatMessage.system(system));
        }
        for (Turn t : turns) {
            messages.add(new ChatMessage(t.role(), t.text()));
        }
        if (userText != null && !userText.isBlank()) {
            messages.add(ChatMessage.user(userText));
        }
        return messages;
    }
}
