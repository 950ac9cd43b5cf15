package io.inferdeck.views.playground;

import io.inferdeck.control.chat.ChatCall;
import io.inferdeck.control.chat.ChatClient;
import io.inferdeck.control.chat.ChatRequest;
import io.inferdeck.control.chat.ChatResult;
import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.PageState;
import java.util.Optional;

/**
 * Streams a lane's replies: the call runs on the background executor, each delta grows the lane state's
 * reply, and {@link #show} appends what arrived since the last drain to the reply's {@link Turn} — one
 * chunk per drain, never one FX task per token. Methods are FX-thread only except the streaming task.
 */
final class ReplyStream {
    private final ChatClient client;
    private final BackgroundExecutor background;
    private final PageState<PlaygroundState> state;
    private long lastId;
    private Turn turn;          // the reply being drawn; null once finished
    private int shownLength;
    private ChatCall active;

    ReplyStream(ChatClient client, BackgroundExecutor background, PageState<PlaygroundState> state) {
        this.client = client;
        this.background = background;
        this.state = state;
    }

    /** Starts streaming {@code request}'s reply into {@code reply}; clears the lane's message. */
    void start(EngineEndpoint engine, ChatRequest request, Turn reply, String engineLabel) {
        long id = ++lastId;
        turn = reply;
        shownLength = 0;
        ChatCall call = client.prepare(engine, request);
        active = call;
        ReplyText text = new ReplyText();
        PlaygroundState.Reply started = new PlaygroundState.Reply(id, text, 0, Optional.empty(), engineLabel);
        state.update(s -> s.withReply(started).withMessage(""));
        background.execute(() -> {
            ChatResult result = call.run(delta -> {
                int length = text.append(delta);
                state.update(s -> s.grown(id, length));
            });
            state.update(s -> s.finished(id, result));
        });
    }

    /** Cancels the reply in flight; the engine stops generating when the connection closes. */
    void stop() {
        if (active != null) {
            active.cancel();
        }
    }

    /** FX thread: draws the newest state of the reply. @return true when this call finished it */
    boolean show(PlaygroundState.Reply r) {
        if (turn == null || r.id() != lastId) {
            return false;
        }
        turn.append(r.text().slice(shownLength, r.length()));
        shownLength = r.length();
        if (r.result().isEmpty()) {
            return false;
        }
        ChatResult result = r.result().get();
        Turn.State end = switch (result.outcome()) {
            case COMPLETED -> Turn.State.DONE;
            case CANCELLED -> Turn.State.STOPPED;
            case FAILED -> Turn.State.FAILED;
        };
        String note = switch (result.outcome()) {
            case COMPLETED -> "";
            case CANCELLED -> "Stopped — partial reply";
            case FAILED -> result.error();
        };
        turn.figures(result.stats());
        turn.finish(end, result.stats().summary() + " · " + r.engineLabel(), note);
        turn = null;
        active = null;
        return true;
    }
}
