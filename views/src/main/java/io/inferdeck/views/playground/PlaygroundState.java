package io.inferdeck.views.playground;

import io.inferdeck.control.chat.ChatResult;
import io.inferdeck.control.chat.ModelInfo;
import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.services.conversation.Conversation;
import java.util.Optional;

/**
 * What one Playground lane knows from outside the FX thread, as one immutable value carried by the lane's
 * single dispatcher channel (see {@link io.inferdeck.views.fx.PageState}): the engine and its model, the
 * reply being streamed, the line to show the operator, and the last conversation loaded from a file.
 *
 * @param message the last problem or outcome to show ("" when none)
 * @param loaded  a conversation read from a file, to replace the transcript once (a new object each load)
 */
public record PlaygroundState(Optional<EngineEndpoint> engine, Optional<ModelInfo> model, Optional<Reply> reply,
                              String message, Optional<Conversation> loaded) {

    public static final PlaygroundState INITIAL = new PlaygroundState(Optional.empty(), Optional.empty(),
            Optional.empty(), "", Optional.empty());

    /**
     * The newest reply: characters [0, length) of {@code text} have arrived; {@code result} is set once the
     * stream ended. {@code id} tells a lane's replies apart; {@code engineLabel} ends its figures line.
     */
    public record Reply(long id, ReplyText text, int length, Optional<ChatResult> result, String engineLabel) {
        public boolean streaming() {
            return result.isEmpty();
        }
    }

    public boolean streaming() {
        return reply.map(Reply::streaming).orElse(false);
    }

    /** A new engine (or none): its model is unknown until asked. */
    public PlaygroundState withEngine(Optional<EngineEndpoint> e) {
        return new PlaygroundState(e, Optional.empty(), reply, message, loaded);
    }

    /** The model of {@code of}; ignored when the lane has moved to another engine meanwhile. */
    public PlaygroundState withModel(EngineEndpoint of, Optional<ModelInfo> m) {
        return engine.equals(Optional.of(of)) ? new PlaygroundState(engine, m, reply, message, loaded) : this;
    }

    public PlaygroundState withReply(Reply r) {
        return new PlaygroundState(engine, model, Optional.of(r), message, loaded);
    }

    /** More text of reply {@code id}; ignored once a newer reply started. */
    public PlaygroundState grown(long id, int length) {
        return reply.filter(r -> r.id() == id && r.length() < length)
                .map(r -> withReply(new Reply(id, r.text(), length, r.result(), r.engineLabel()))).orElse(this);
    }

    /** Reply {@code id} ended; a failure also becomes the lane's message. */
    public PlaygroundState finished(long id, ChatResult result) {
        return reply.filter(r -> r.id() == id).map(r -> {
            PlaygroundState s = withReply(new Reply(id, r.text(), r.text().length(), Optional.of(result), r.engineLabel()));
            return result.outcome() == ChatResult.Outcome.FAILED ? s.withMessage(result.error()) : s;
        }).orElse(this);
    }

    public PlaygroundState withMessage(String m) {
        return new PlaygroundState(engine, model, reply, m, loaded);
    }

    public PlaygroundState withLoaded(Conversation c) {
        return new PlaygroundState(engine, model, reply, message, Optional.of(c));
    }
}
