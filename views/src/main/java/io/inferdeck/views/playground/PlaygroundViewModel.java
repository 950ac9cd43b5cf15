package io.inferdeck.views.playground;

import io.inferdeck.control.chat.ChatClient;
import io.inferdeck.control.chat.ChatRequest;
import io.inferdeck.control.chat.ModelInfo;
import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.services.conversation.Conversation;
import io.inferdeck.services.conversation.ConversationStore;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.fx.PageState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The playground for one target engine: system prompt, multi-turn transcript, sampling, request preview
 * ({@link RequestPreview}), streaming with per-reply figures ({@link ReplyStream}), and saved conversations
 * ({@link ConversationStore}).
 *
 * <p>Threads: public methods and properties are FX-thread only. Streaming and file I/O run on the background
 * executor; what they find comes back through ONE dispatcher channel per lane (named after the lane)
 * carrying the cumulative {@link PlaygroundState}, which {@link #show} draws.
 */
public final class PlaygroundViewModel {
    static final String RANDOM_WEIGHTS_NOTE = "This engine runs a random-weight model: its output is meaningless "
            + "text. To chat with a real model, put a GGUF file in the models folder and start it from the Engine "
            + "page (or run `inferdeck runner --model PATH`).";

    private final ChatClient client;
    private final ConversationStore store;
    private final BackgroundExecutor background;
    private final Runnable startEngine;
    private final EngineTarget target;
    private final PageState<PlaygroundState> state;
    private final ReplyStream replies;
    private final RequestPreview preview = new RequestPreview();

    private final StringProperty systemPrompt = new SimpleStringProperty("You are a helpful assistant.");
    private final StringProperty input = new SimpleStringProperty("");
    private final SamplingForm sampling = new SamplingForm();
    private final ObservableList<Turn> turns = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Optional<EngineEndpoint>> engine = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyObjectWrapper<Optional<ModelInfo>> model = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyBooleanWrapper streaming = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");

    /**
     * @param name        the lane's dispatcher channel, unique per dispatcher: "playground" or "playground-b"
     * @param startEngine what the "Start engine" button does when no engine runs (no-op for a fixed URL)
     */
    public PlaygroundViewModel(String name, ChatClient client, EngineTarget target, ConversationStore store,
                               BackgroundExecutor background, FxDispatcher dispatcher, Runnable startEngine) {
        this.client = client;
        this.store = store;
        this.target = target;
        this.background = background;
        this.startEngine = startEngine;
        state = new PageState<>(dispatcher, name, PlaygroundState.INITIAL, this::show);
        replies = new ReplyStream(client, background, state);
        systemPrompt.addListener(o -> refreshPreview());
        input.addListener(o -> refreshPreview());
        for (var p : sampling.all()) {
            p.addListener(o -> refreshPreview());
        }
        refreshPreview();
        target.subscribe(e -> state.update(s -> s.withEngine(e)));   // publisher's thread: hand the value over
    }

    /** FX thread (dispatcher drain): draws the parts of the lane's state that changed. */
    private void show(PlaygroundState before, PlaygroundState now) {
        if (PageState.changed(before, now, PlaygroundState::engine)) {
            engine.set(now.engine());
            refreshPreview();
            now.engine().ifPresent(e -> background.execute(() -> {
                Optional<ModelInfo> info = client.models(e);
                state.update(s -> s.withModel(e, info));
            }));
        }
        if (PageState.changed(before, now, PlaygroundState::model)) {
            model.set(now.model());
            note.set(now.model().filter(ModelInfo::randomWeights).map(m -> RANDOM_WEIGHTS_NOTE).orElse(""));
        }
        message.set(now.message());
        if (PageState.changed(before, now, PlaygroundState::reply) && now.reply().isPresent()
                && replies.show(now.reply().get())) {
            refreshPreview();
        }
        streaming.set(now.streaming());
        if (PageState.changed(before, now, PlaygroundState::loaded)) {
            now.loaded().ifPresent(this::restore);
        }
    }

    /** Sends the input as a new user turn and streams the reply. */
    public void send() {
        String text = input.get() == null ? "" : input.get().strip();
        if (text.isEmpty()) {
            say("Type a prompt first.");
            return;
        }
        if (stream(text)) {
            input.set("");
        }
    }

    /** Drops the last assistant reply and streams a new one for the same user turn. */
    public void regenerate() {
        if (state.current().streaming() || turns.isEmpty()) {
            return;
        }
        if (turns.getLast().role().equals("assistant")) {
            turns.removeLast();
        }
        if (!turns.isEmpty() && turns.getLast().role().equals("user")) {
            stream(turns.removeLast().text());
        }
    }

    /** Cancels the reply in flight; the engine stops generating when the connection closes. */
    public void stop() {
        replies.stop();
    }

    public void clear() {
        stop();
        turns.clear();
        say("");
    }

    /** Points this lane at an engine by URL (compare mode's second target); a bad URL detaches it and says why. */
    public void attach(String url) {
        String u = url == null ? "" : url.strip();
        if (!u.matches("https?://[^\\s/]+(:\\d+)?/?")) {
            target.clear();
            say("Not a base URL (http://host:port): " + u);
            return;
        }
        say("");
        target.set(EngineEndpoint.of(u));
    }

    /** Compare mode: the same system prompt, sampling and prompt sent to {@code other} as well. */
    public void sendWith(PlaygroundViewModel other) {
        other.systemPrompt.set(systemPrompt.get());
        other.sampling.load(sampling.toSampling());
        other.input.set(input.get());
        send();
        other.send();
    }

    public void startEngine() {
        startEngine.run();
    }

    private boolean stream(String userText) {
        PlaygroundState now = state.current();     // newer than the drawn state: no second stream on a quick click
        if (now.streaming()) {
            say("A reply is still streaming; stop it first.");
            return false;
        }
        if (now.engine().isEmpty()) {
            say("No engine is running. Start one to chat.");
            return false;
        }
        ChatRequest request = request(userText);
        List<String> problems = request.validate();
        if (!problems.isEmpty()) {
            say("Not sent: " + String.join("; ", problems));
            return false;
        }
        EngineEndpoint ep = now.engine().get();
        turns.add(new Turn("user", userText, Turn.State.DONE));
        Turn reply = new Turn("assistant", "", Turn.State.STREAMING);
        turns.add(reply);
        replies.start(ep, request, reply, now.model().map(ModelInfo::label).orElse(ep.label()));
        return true;
    }

    /** The request {@link #send} would make for {@code userText} now (also the preview's source). */
    ChatRequest request(String userText) {
        return new ChatRequest(Transcripts.messages(systemPrompt.get(), turns, userText), sampling.toSampling());
    }

    private void refreshPreview() {
        preview.show(request(input.get()), engine.get());
    }

    private void say(String text) {
        state.update(s -> s.withMessage(text));
    }

    /** The conversation as plain data, for saving off the FX thread. */
    public Conversation snapshot() {
        return Transcripts.conversation(systemPrompt.get(), sampling.toSampling(), turns);
    }

    /** Replaces the transcript and settings with a loaded conversation. */
    public void restore(Conversation c) {
        clear();
        systemPrompt.set(c.system());
        sampling.load(c.sampling());
        turns.addAll(Transcripts.turns(c));
    }

    /** Saves as JSON (or exports Markdown) in the background; the outcome lands in {@link #messageProperty()}. */
    public void saveTo(Path file, boolean markdown) {
        Conversation c = snapshot();
        background.submit(() -> {
            if (markdown) {
                store.exportMarkdown(c, file);
            } else {
                store.save(c, file);
            }
            return file;
        }).whenComplete((f, err) -> say(err == null ? "Saved " + file.getFileName()
                : "Could not save " + file.getFileName() + ": " + rootMessage(err)));
    }

    public void loadFrom(Path file) {
        background.submit(() -> store.load(file)).whenComplete((c, err) -> state.update(err == null ? s -> s.withLoaded(c)
                : s -> s.withMessage("Could not load " + file.getFileName() + ": " + rootMessage(err))));
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    // --- state for the view ---------------------------------------------------------------------------
    public StringProperty systemPromptProperty() { return systemPrompt; }
    public StringProperty inputProperty() { return input; }
    public SamplingForm sampling() { return sampling; }
    public ObservableList<Turn> turns() { return turns; }
    public ReadOnlyObjectProperty<Optional<EngineEndpoint>> engineProperty() { return engine.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Optional<ModelInfo>> modelProperty() { return model.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty streamingProperty() { return streaming.getReadOnlyProperty(); }
    /** The last problem to show the operator (engine down, not sent because…, engine error); "" if none. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<List<String>> errorsProperty() { return preview.errorsProperty(); }
    public ReadOnlyStringProperty requestJsonProperty() { return preview.jsonProperty(); }
    public ReadOnlyStringProperty curlProperty() { return preview.curlProperty(); }
    /** Non-empty while the engine runs the embedded random-weight model. */
    public ReadOnlyStringProperty randomWeightsNoteProperty() { return note.getReadOnlyProperty(); }
}
