package io.inferdeck.views.playground;

import io.inferdeck.control.chat.ChatRequest;
import io.inferdeck.control.endpoint.EngineEndpoint;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The exact request the next send would make, as JSON and as curl, and what is wrong with its sampling.
 * The curl line targets the lane's engine, or the default local port when none runs. FX thread only.
 */
final class RequestPreview {
    /** Shown in the curl line while no engine runs. */
    static final EngineEndpoint PLACEHOLDER = EngineEndpoint.of("http://127.0.0.1:8080");

    private final ReadOnlyObjectWrapper<List<String>> errors = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper json = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper curl = new ReadOnlyStringWrapper("");

    void show(ChatRequest r, Optional<EngineEndpoint> engine) {
        errors.set(r.sampling().validate());
        json.set(r.toPrettyJson());
        curl.set(r.toCurl(engine.orElse(PLACEHOLDER)));
    }

    ReadOnlyObjectProperty<List<String>> errorsProperty() { return errors.getReadOnlyProperty(); }
    ReadOnlyStringProperty jsonProperty() { return json.getReadOnlyProperty(); }
    ReadOnlyStringProperty curlProperty() { return curl.getReadOnlyProperty(); }
}
