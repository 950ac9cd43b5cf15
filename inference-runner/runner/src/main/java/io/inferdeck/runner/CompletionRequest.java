package io.inferdeck.runner;

import io.inferdeck.runner.Engine.ChatTurn;
import java.util.List;
import java.util.OptionalInt;

/**
 * A validated /v1/chat/completions or /v1/completions request. Exactly one of {@code prompt} (text) or
 * {@code turns} (chat) is meaningful, by {@code kind}. {@code maxTokens} is empty when the client left it
 * out; the runner then allows what the slot's context has left after the prompt.
 */
record CompletionRequest(Kind kind, String prompt, String system, List<ChatTurn> turns, boolean stream,
                         boolean includeUsage, OptionalInt maxTokens, Sampling sampling) {

    enum Kind {
        CHAT("chat.completion", "chatcmpl-", "messages"),
        TEXT("text_completion", "cmpl-", "prompt");

        final String object;
        final String idPrefix;
        /** The request field that holds the input, named in context-length errors. */
        final String inputParam;

        Kind(String object, String idPrefix, String inputParam) {
            this.object = object;
            this.idPrefix = idPrefix;
            this.inputParam = inputParam;
        }
    }

    CompletionRequest {
        turns = List.copyOf(turns);
    }
}
