package io.inferdeck.views.playground;

import io.inferdeck.control.chat.Sampling;
import java.util.Arrays;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The sampling panel's state. Controls bind to these properties (spinners/sliders keep values in range);
 * {@link #toSampling()} + {@link Sampling#validate()} re-check before every send. FX thread only.
 */
public final class SamplingForm {
    public static final double PRECISE = 0.3;
    public static final double BALANCED = 0.7;
    public static final double CREATIVE = 0.9;

    private final DoubleProperty temperature = new SimpleDoubleProperty(BALANCED);
    private final DoubleProperty topP = new SimpleDoubleProperty(0.95);
    private final IntegerProperty topK = new SimpleIntegerProperty(40);
    private final IntegerProperty maxTokens = new SimpleIntegerProperty(256);
    /** Empty = random seed; otherwise a number 0–2147483647. */
    private final StringProperty seed = new SimpleStringProperty("");
    /** Comma-separated stop strings (up to 4). */
    private final StringProperty stop = new SimpleStringProperty("");
    private final DoubleProperty presencePenalty = new SimpleDoubleProperty(0);
    private final DoubleProperty frequencyPenalty = new SimpleDoubleProperty(0);

    public void preset(double t) {
        temperature.set(t);
    }

    /** Every property, for one listener that refreshes previews and validation. */
    Observable[] all() {
        return new Observable[] {temperature, topP, topK, maxTokens, seed, stop, presencePenalty, frequencyPenalty};
    }

    /** The request's sampling; a seed that is not a number becomes -1 so validation names it. */
    public Sampling toSampling() {
        String s = seed.get() == null ? "" : seed.get().strip();
        Long seedValue;
        try {
            seedValue = s.isEmpty() ? null : Long.parseLong(s);
        } catch (NumberFormatException e) {
            seedValue = -1L;
        }
        List<String> stops = stop.get() == null || stop.get().isBlank() ? List.of()
                : Arrays.stream(stop.get().split(",")).map(String::strip).toList();
        return new Sampling(temperature.get(), topP.get(), topK.get(), maxTokens.get(), seedValue, stops,
                presencePenalty.get() == 0 ? null : presencePenalty.get(),
                frequencyPenalty.get() == 0 ? null : frequencyPenalty.get());
    }

    void load(Sampling s) {
        if (s.temperature() != null) temperature.set(s.temperature());
        if (s.topP() != null) topP.set(s.topP());
        if (s.topK() != null) topK.set(s.topK());
        if (s.maxTokens() != null) maxTokens.set(s.maxTokens());
        seed.set(s.seed() == null ? "" : s.seed().toString());
        stop.set(String.join(", ", s.stop()));
        presencePenalty.set(s.presencePenalty() == null ? 0 : s.presencePenalty());
        frequencyPenalty.set(s.frequencyPenalty() == null ? 0 : s.frequencyPenalty());
    }

    public DoubleProperty temperatureProperty() { return temperature; }
    public DoubleProperty topPProperty() { return topP; }
    public IntegerProperty topKProperty() { return topK; }
    public IntegerProperty maxTokensProperty() { return maxTokens; }
    public StringProperty seedProperty() { return seed; }
    public StringProperty stopProperty() { return stop; }
    public DoubleProperty presencePenaltyProperty() { return presencePenalty; }
    public DoubleProperty frequencyPenaltyProperty() { return frequencyPenalty; }
}
