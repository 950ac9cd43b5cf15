package io.inferdeck.views.playground;

import io.inferdeck.control.chat.ChatCall;
import io.inferdeck.control.chat.ChatClient;
import io.inferdeck.control.chat.ChatListener;
import io.inferdeck.control.chat.ChatMessage;
import io.inferdeck.control.chat.ChatRequest;
import io.inferdeck.control.chat.ChatResult;
import io.inferdeck.control.chat.ModelInfo;
import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * The playground for one target engine: system prompt, multi-turn transcript, sampling, request preview,
 * streaming with per-reply figures. Public methods and properties are FX-thread only. Streaming runs on the
 * background executor; its deltas are buffered and reach the transcript through the {@link FxDispatcher}
 * (one append per drain, never one runLater per token).
 */
public final class PlaygroundViewModel {
    static final String RANDOM_WEIGHTS_NOTE = "This engine runs a random-weight model: its output is meaningless "
            + "text. To chat with a real model, put a GGUF file in the models folder and start it from the Engine "
            + "page (or run `inferdeck runner --model PATH`).";

    private final ChatClient client;
    private final BackgroundExecutor background;
    private final Runnable startEngine;
    private final FxDispatcher.Channel<Batch> streamChannel;
    private final FxDispatcher.Channel<Finished> doneChannel;
    private final FxDispatcher.Channel<Optional<ModelInfo>> modelChannel;
    private final FxDispatcher.Channel<Optional<EngineEndpoint>> engineChannel;
    private final FxDispatcher.Channel<String> messageChannel;
    private final FxDispatcher.Channel<ConversationFiles.Conversation> loadedChannel;

    private final StringProperty systemPrompt = new SimpleStringProperty("You are a helpful assistant.");
    private final StringProperty input = new SimpleStringProperty("");
    private final SamplingForm sampling = new SamplingForm();
    private final ObservableList<Turn> turns = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Optional<EngineEndpoint>> engine = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyObjectWrapper<Optional<ModelInfo>> model = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyBooleanWrapper streaming = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<List<String>> errors = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper requestJson = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper curl = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final EngineTarget target;
    private ChatCall active;

    /**
     * @param name         unique per dispatcher (channel keys), e.g. "playground" or "playground-b"
     * @param startEngine  what the "Start engine" button does when no engine runs (no-op for a fixed URL)
     */
    public PlaygroundViewModel(String name, ChatClient client, EngineTarget target, BackgroundExecutor background,
                               FxDispatcher dispatcher, Runnable startEngine) {
        this.client = client;
        this.target = target;
        this.background = background;
        this.startEngine = startEngine;
        streamChannel = dispatcher.channel(name + "-stream", b -> b.flush());
        doneChannel = dispatcher.channel(name + "-done", this::finished);
        modelChannel = dispatcher.channel(name + "-model", this::modelChanged);
        engineChannel = dispatcher.channel(name + "-engine", this::engineChanged);
        messageChannel = dispatcher.channel(name + "-message", message::set);
        loadedChannel = dispatcher.channel(name + "-loaded", this::restore);
        systemPrompt.addListener(o -> refreshPreview());
        input.addListener(o -> refreshPreview());
        for (var p : sampling.all()) {
            p.addListener(o -> refreshPreview());
        }
        refreshPreview();
        // the target's listener runs on the publisher's thread: only hand the value over
        target.subscribe(engineChannel::publish);
    }

    private void modelChanged(Optional<ModelInfo> info) {
        model.set(info);
        note.set(info.filter(ModelInfo::randomWeights).map(m -> RANDOM_WEIGHTS_NOTE).orElse(""));
    }

    private void engineChanged(Optional<EngineEndpoint> ep) {
        engine.set(ep);
        modelChanged(Optional.empty());
        refreshPreview();
        ep.ifPresent(e -> background.execute(() -> modelChannel.publish(client.models(e))));
    }

    /** Sends the input as a new user turn and streams the reply. */
    public void send() {
        String text = input.get() == null ? "" : input.get().strip();
        if (text.isEmpty()) {
            message.set("Type a prompt first.");
            return;
        }
        if (stream(text)) {
            input.set("");
        }
    }

    /** Drops the last assistant reply and streams a new one for the same user turn. */
    public void regenerate() {
        if (streaming.get() || turns.isEmpty()) {
            return;
        }
        if (turns.getLast().role().equals("assistant")) {
            turns.removeLast();
        }
        if (!turns.isEmpty() && turns.getLast().role().equals("user")) {
            String prompt = turns.removeLast().text();
            stream(prompt);
        }
    }

    /** Cancels the reply in flight; the engine stops generating when the connection closes. */
    public void stop() {
        if (active != null) {
            active.cancel();
        }
    }

    public void clear() {
        stop();
        turns.clear();
        message.set("");
    }

    /**
     * Points this lane at an engine by URL (compare mode's second target); a bad URL leaves it detached
     * and says why.
     */
    public void attach(String url) {
        String u = url == null ? "" : url.strip();
        if (!u.matches("https?://[^\\s/]+(:\\d+)?/?")) {
            target.clear();
            message.set("Not a base URL (http://host:port): " + u);
            return;
        }
        message.set("");
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
        if (streaming.get()) {
            message.set("A reply is still streaming; stop it first.");
            return false;
        }
        Optional<EngineEndpoint> ep = engine.get();
        if (ep.isEmpty()) {
            message.set("No engine is running. Start one to chat.");
            return false;
        }
        ChatRequest request = request(userText);
        List<String> problems = request.validate();
        if (!problems.isEmpty()) {
            message.set("Not sent: " + String.join("; ", problems));
            return false;
        }
        message.set("");
        turns.add(new Turn("user", userText, Turn.State.DONE));
        Turn reply = new Turn("assistant", "", Turn.State.STREAMING);
        turns.add(reply);
        streaming.set(true);
        ChatCall call = client.prepare(ep.get(), request);
        active = call;
        Batch batch = new Batch(reply);
        String engineLabel = model.get().map(ModelInfo::label).orElse(ep.get().label());
        background.execute(() -> {
            ChatResult result = call.run(batch);
            doneChannel.publish(new Finished(batch, result, engineLabel));
        });
        return true;
    }

    /** The request {@link #send} would make for {@code userText} now (also the preview's source). */
    ChatRequest request(String userText) {
        List<ChatMessage> messages = new ArrayList<>();
        if (systemPrompt.get() != null && !systemPrompt.get().isBlank()) {
            messages.add(ChatMessage.system(systemPrompt.get()));
        }
        for (Turn t : turns) {
            messages.add(new ChatMessage(t.role(), t.text()));
        }
        if (userText != null && !userText.isBlank()) {
            messages.add(ChatMessage.user(userText));
        }
        return new ChatRequest(messages, sampling.toSampling());
    }

    private void refreshPreview() {
        ChatRequest r = request(input.get());
        errors.set(r.sampling().validate());
        requestJson.set(r.toPrettyJson());
        curl.set(r.toCurl(engine.get().orElse(EngineEndpoint.of("http://127.0.0.1:8080"))));
    }

    private void finished(Finished f) {
        f.batch.flush();
        ChatResult r = f.result;
        Turn.State end = switch (r.outcome()) {
            case COMPLETED -> Turn.State.DONE;
            case CANCELLED -> Turn.State.STOPPED;
            case FAILED -> Turn.State.FAILED;
        };
        String note = switch (r.outcome()) {
            case COMPLETED -> "";
            case CANCELLED -> "Stopped — partial reply";
            case FAILED -> r.error();
        };
        f.batch.turn.figures(r.stats());
        f.batch.turn.finish(end, r.stats().summary() + " · " + f.engineLabel, note);
        active = null;
        streaming.set(false);
        if (r.outcome() == ChatResult.Outcome.FAILED) {
            message.set(r.error());
        }
        refreshPreview();
    }

    /** Deltas of one reply, buffered on the streaming thread until the next dispatcher drain. */
    private final class Batch implements ChatListener {
        final Turn turn;
        private final StringBuilder pending = new StringBuilder();

        Batch(Turn turn) {
            this.turn = turn;
        }

        @Override
        public void onDelta(String text) {
            synchronized (pending) {
                pending.append(text);
            }
            streamChannel.publish(this);
        }

        /** FX thread: one append per drain. */
        void flush() {
            String chunk;
            synchronized (pending) {
                chunk = pending.toString();
                pending.setLength(0);
            }
            turn.append(chunk);
        }
    }

    private record Finished(Batch batch, ChatResult result, String engineLabel) {
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
    public ReadOnlyObjectProperty<List<String>> errorsProperty() { return errors.getReadOnlyProperty(); }
    public ReadOnlyStringProperty requestJsonProperty() { return requestJson.getReadOnlyProperty(); }
    public ReadOnlyStringProperty curlProperty() { return curl.getReadOnlyProperty(); }

    /** Non-empty while the engine runs the embedded random-weight model. */
    public ReadOnlyStringProperty randomWeightsNoteProperty() { return note.getReadOnlyProperty(); }

    /** The conversation as plain data, for saving off the FX thread. */
    public ConversationFiles.Conversation snapshot() {
        List<ConversationFiles.Message> msgs = turns.stream().map(t -> new ConversationFiles.Message(t.role(),
                t.text(), t.stateProperty().get().name(), t.statsProperty().get(), t.noteProperty().get())).toList();
        return new ConversationFiles.Conversation(systemPrompt.get(), sampling.toSampling(), msgs);
    }

    /** Replaces the transcript and settings with a loaded conversation. */
    public void restore(ConversationFiles.Conversation c) {
        clear();
        systemPrompt.set(c.system());
        sampling.load(c.sampling());
        for (ConversationFiles.Message m : c.messages()) {
            Turn.State state;
            try {
                state = Turn.State.valueOf(m.state());
            } catch (IllegalArgumentException e) {
                state = Turn.State.DONE;
            }
            Turn t = new Turn(m.role(), m.content(), state == Turn.State.STREAMING ? Turn.State.STOPPED : state);
            t.finish(t.stateProperty().get(), m.stats(), m.note());
            turns.add(t);
        }
    }

    /** Saves (JSON) in the background; the outcome lands in {@link #messageProperty()}. */
    public void saveTo(java.nio.file.Path file, boolean markdown) {
        ConversationFiles.Conversation c = snapshot();
        background.submit(() -> {
            if (markdown) {
                ConversationFiles.writeAtomically(file, ConversationFiles.markdown(c));
            } else {
                ConversationFiles.saveJson(c, file);
            }
            return file;
        }).whenComplete((f, err) -> messageChannel.publish(err == null ? "Saved " + file.getFileName()
                : "Could not save " + file.getFileName() + ": " + rootMessage(err)));
    }

    public void loadFrom(java.nio.file.Path file) {
        background.submit(() -> ConversationFiles.loadJson(file)).whenComplete((c, err) -> {
            if (err == null) {
                loadedChannel.publish(c);
            } else {
                messageChannel.publish("Could not load " + file.getFileName() + ": " + rootMessage(err));
            }
        });
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
