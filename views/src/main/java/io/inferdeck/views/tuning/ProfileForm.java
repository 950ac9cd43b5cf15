package io.inferdeck.views.tuning;

import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileKnob;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileRules;
import io.inferdeck.control.profile.ProfileValidator;
import io.inferdeck.control.profile.SplitMode;
import io.inferdeck.services.tuning.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The profile editor's fields as text the operator types, turned into a {@link DeploymentProfile} on every
 * change and checked by {@link ProfileValidator}: {@link #messages()} maps each field (the profile's JSON
 * name, e.g. {@code batch}, {@code tensorSplit}) to its first error or warning; "" collects issues of
 * fields the editor does not show (e.g. a loaded profile's {@code gateway.safety} block naming an unknown stage, when
 * the {@link ProfileRules} know the stage ids). FX thread only.
 */
public final class ProfileForm {
    /** Fields the editor shows, in the order issues are reported. */
    public static final List<String> FIELDS = List.of("name", "engine", "model", "quantization", "ctx", "batch", "ubatch",
            "parallel", "threads", "cacheTypeK", "cacheTypeV", "flashAttention", "gpus", "gpuLayers", "splitMode", "tensorSplit",
            "mainGpu", "replicas", "port", "baseUrl", "binary");

    private final ObjectProperty<EngineKind> engine = new SimpleObjectProperty<>(EngineKind.BUILTIN);
    /** The model file (or, for vLLM/SGLang, repository id); blank runs the embedded default on the builtin engine. */
    private final StringProperty model = new SimpleStringProperty("");
    /** Blank: the port this session gave the built-in default while it runs here, {@value DeploymentProfile#DEFAULT_PORT} once saved. */
    private final StringProperty port = new SimpleStringProperty(""), baseUrl = new SimpleStringProperty(""),
            binary = new SimpleStringProperty("");

    private final StringProperty name = new SimpleStringProperty("tuned");
    private final ObjectProperty<Variant> variant = new SimpleObjectProperty<>();
    private final StringProperty ctx = new SimpleStringProperty(), batch = new SimpleStringProperty(),
            ubatch = new SimpleStringProperty(), parallel = new SimpleStringProperty(), threads = new SimpleStringProperty(""),
            gpus = new SimpleStringProperty(""), gpuLayers = new SimpleStringProperty("0"), tensorSplit = new SimpleStringProperty(""),
            mainGpu = new SimpleStringProperty("0"), replicas = new SimpleStringProperty("1");
    private final ObjectProperty<String> cacheTypeK = new SimpleObjectProperty<>("f16"), cacheTypeV = new SimpleObjectProperty<>("f16");
    private final BooleanProperty flashAttention = new SimpleBooleanProperty();
    private final ObjectProperty<SplitMode> splitMode = new SimpleObjectProperty<>(SplitMode.LAYER);
    private final ReadOnlyObjectWrapper<Map<String, ProfileIssue>> messages = new ReadOnlyObjectWrapper<>(Map.of());
    private final ReadOnlyObjectWrapper<DeploymentProfile> profile = new ReadOnlyObjectWrapper<>();
    private DeploymentProfile base = DeploymentProfile.builder().build();
    private OptionalInt trainedContext = OptionalInt.empty();
    private boolean loading;
    private final ProfileRules rules;

    /** Checked against the default drivers, live-safety stage ids not known. */
    public ProfileForm() {
        this(ProfileRules.defaults());
    }

    /** @param rules what the profile is checked against (what the engine's Apply checks) */
    public ProfileForm(ProfileRules rules) {
        this.rules = rules;
        Observable[] all = {name, engine, model, port, baseUrl, binary, variant, ctx, batch, ubatch, parallel, threads, gpus, gpuLayers, tensorSplit, mainGpu,
                replicas, cacheTypeK, cacheTypeV, flashAttention, splitMode};
        for (Observable o : all) {
            o.addListener(x -> recompute());
        }
        load(base);
    }

    /** Fills every field from {@code p}; fields the editor does not show (host, key...) are kept from it. */
    public void load(DeploymentProfile p) {
        load(p, false);
    }

    /** @param sessionPort whether {@code p}'s port is the one this session picked (shown blank, never saved) */
    public void load(DeploymentProfile p, boolean sessionPort) {
        loading = true;
        base = p;
        name.set(p.name() == null ? "tuned" : p.name());
        engine.set(p.engine());
        model.set(p.model() == null ? "" : p.model());
        port.set(sessionPort ? "" : Integer.toString(p.port()));
        baseUrl.set(p.baseUrl() == null ? "" : p.baseUrl());
        binary.set(p.binary() == null ? "" : p.binary());
        ctx.set(Integer.toString(p.ctx()));
        batch.set(Integer.toString(p.batch()));
        ubatch.set(Integer.toString(p.ubatch()));
        parallel.set(Integer.toString(p.parallel()));
        threads.set(p.threads() == null ? "" : p.threads().toString());
        cacheTypeK.set(p.cacheTypeK() == null ? "f16" : p.cacheTypeK());
        cacheTypeV.set(p.cacheTypeV() == null ? "f16" : p.cacheTypeV());
        flashAttention.set(p.flashAttention());
        gpus.set(join(p.gpus()));
        gpuLayers.set(Integer.toString(p.gpuLayers()));
        splitMode.set(p.splitMode());
        tensorSplit.set(join(p.tensorSplit()));
        mainGpu.set(Integer.toString(p.mainGpu()));
        replicas.set(Integer.toString(p.replicas()));
        loading = false;
        recompute();
    }

    /** The model's trained context from its GGUF header, for the ctx rule; empty when unknown. */
    public void trainedContext(OptionalInt tokens) {
        trainedContext = tokens;
        recompute();
    }

    private void recompute() {
        if (loading) {
            return;
        }
        Map<String, ProfileIssue> found = new LinkedHashMap<>();
        DeploymentProfile.Builder b = base.toBuilder().name(name.get().strip()).engine(engine.get())
                .model(blankToNull(model.get())).baseUrl(blankToNull(baseUrl.get())).binary(blankToNull(binary.get()));
        if (port.get() == null || port.get().isBlank()) {
            b.port(base.port());
        } else {
            integer("port", port, found, b::port);
        }
        Variant v = variant.get();
        if (v != null) {
            b.model(v.path().toString()).quantization(v.quant());
        }
        integer("ctx", ctx, found, b::ctx);
        integer("batch", batch, found, b::batch);
        integer("ubatch", ubatch, found, b::ubatch);
        integer("parallel", parallel, found, b::parallel);
        integer("gpuLayers", gpuLayers, found, b::gpuLayers);
        integer("mainGpu", mainGpu, found, b::mainGpu);
        integer("replicas", replicas, found, b::replicas);
        if (threads.get() == null || threads.get().isBlank()) {
            b.threads(null);
        } else {
            integer("threads", threads, found, b::threads);
        }
        b.cacheTypeK(unlessDefault(cacheTypeK.get(), base.cacheTypeK())).cacheTypeV(unlessDefault(cacheTypeV.get(), base.cacheTypeV())).flashAttention(flashAttention.get()).splitMode(splitMode.get());
        list("gpus", gpus.get(), found, s -> b.gpus(s.stream().map(d -> (int) Math.round(d)).toList()), true);
        list("tensorSplit", tensorSplit.get(), found, b::tensorSplit, false);
        DeploymentProfile built = null;
        if (found.isEmpty()) {
            built = b.build();
            for (ProfileIssue i : ProfileValidator.validate(built, trainedContext, rules)) {
                String field = i.field().replaceAll("\\[\\d+]$", "");
                found.putIfAbsent(FIELDS.contains(field) ? field : "", i);
            }
        }
        messages.set(Map.copyOf(found));
        profile.set(found.values().stream().anyMatch(ProfileIssue::isError) ? null : built);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * The profile as a file should keep it: a blank port (this session's) becomes {@value DeploymentProfile#DEFAULT_PORT},
     * so a saved profile never pins a port that was only free today. Null while any field has an error.
     */
    public DeploymentProfile forSaving() {
        DeploymentProfile p = profile.get();
        return p == null || !(port.get() == null || port.get().isBlank()) ? p
                : p.toBuilder().port(DeploymentProfile.DEFAULT_PORT).build();
    }

    /** Whether the editor shows {@code field}: every engine uses name and engine; other fields only where the engine reads the knob. */
    public boolean shows(String field, EngineKind kind) {
        var knob = java.util.Arrays.stream(ProfileKnob.values()).filter(k -> k.field().equals(field)).findFirst();
        return knob.isEmpty() || EngineDrivers.defaults().find(kind).map(d -> d.knobs().contains(knob.get())).orElse(true);
    }

    /** The drop-down shows llama.cpp's default (f16) for an unset type; keep it unset so Apply shows no change. */
    private static String unlessDefault(String shown, String loaded) {
        return loaded == null && "f16".equals(shown) ? null : shown;
    }

    private static void integer(String field, StringProperty text, Map<String, ProfileIssue> found, Consumer<Integer> set) {
        try {
            set.accept(Integer.parseInt(text.get().strip()));
        } catch (NumberFormatException | NullPointerException e) {
            found.put(field, ProfileIssue.error(field, "must be a whole number"));
        }
    }

    private static void list(String field, String text, Map<String, ProfileIssue> found, Consumer<List<Double>> set, boolean ints) {
        List<Double> out = new ArrayList<>();
        for (String part : text == null ? new String[0] : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                double d = Double.parseDouble(part.strip());
                if (ints && d != Math.rint(d)) {
                    throw new NumberFormatException();
                }
                out.add(d);
            } catch (NumberFormatException e) {
                found.put(field, ProfileIssue.error(field, ints ? "a comma-separated list of GPU indices, e.g. 0,1"
                        : "comma-separated proportions, e.g. 3,1"));
                return;
            }
        }
        set.accept(out);
    }

    private static String join(List<? extends Number> values) {
        return String.join(",", values.stream().map(n -> n instanceof Double d && d == Math.rint(d)
                ? Long.toString(d.longValue()) : n.toString()).toList());
    }

    /** The valid profile the fields describe; null while any field has an error. */
    public ReadOnlyObjectProperty<DeploymentProfile> profileProperty() { return profile.getReadOnlyProperty(); }
    /** Field → its first issue (errors before warnings as the validator orders them). */
    public ReadOnlyObjectProperty<Map<String, ProfileIssue>> messagesProperty() { return messages.getReadOnlyProperty(); }
    public Map<String, ProfileIssue> messages() { return messages.get(); }
    public DeploymentProfile base() { return base; }
    public StringProperty nameProperty() { return name; }
    public ObjectProperty<EngineKind> engineProperty() { return engine; }
    public StringProperty modelProperty() { return model; }
    public StringProperty portProperty() { return port; }
    public StringProperty baseUrlProperty() { return baseUrl; }
    public StringProperty binaryProperty() { return binary; }
    public ObjectProperty<Variant> variantProperty() { return variant; }
    public StringProperty ctxProperty() { return ctx; }
    public StringProperty batchProperty() { return batch; }
    public StringProperty ubatchProperty() { return ubatch; }
    public StringProperty parallelProperty() { return parallel; }
    public StringProperty threadsProperty() { return threads; }
    public StringProperty gpusProperty() { return gpus; }
    public StringProperty gpuLayersProperty() { return gpuLayers; }
    public StringProperty tensorSplitProperty() { return tensorSplit; }
    public StringProperty mainGpuProperty() { return mainGpu; }
    public StringProperty replicasProperty() { return replicas; }
    public ObjectProperty<String> cacheTypeKProperty() { return cacheTypeK; }
    public ObjectProperty<String> cacheTypeVProperty() { return cacheTypeV; }
    public BooleanProperty flashAttentionProperty() { return flashAttention; }
    public ObjectProperty<SplitMode> splitModeProperty() { return splitMode; }
}
