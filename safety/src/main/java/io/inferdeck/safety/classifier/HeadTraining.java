package io.inferdeck.safety.classifier;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.safety.normalize.Normalizer;
import io.inferdeck.safety.normalize.NormalizerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Embeds a labeled set (one text at a time), splits it deterministically — about a quarter of each
 * label, chosen by a hash of the text, is held out — trains every category head on the rest and
 * calibrates each threshold on the held-out part. The resulting head records its held-out metrics.
 */
public final class HeadTraining {
    /** The trained head and the held-out figures it was calibrated on. */
    public record Result(ClassifierHead head, List<HeadTrainer.Metrics> heldOut, int trainCount, int heldOutCount) {
    }

    private static final Normalizer NORMALIZER = new Normalizer(NormalizerOptions.LEXICAL);

    private HeadTraining() {
    }

    static boolean heldOut(String text) {
        return Math.floorMod(text.hashCode() * 0x9E3779B1, 4) == 0;
    }

    /** @param progress receives the number of examples embedded so far (for a progress bar) */
    public static Result run(TrainingData data, Embedder embedder, HeadTrainer.Options options,
                             IntConsumer progress) {
        List<HeadTrainer.Example> train = new ArrayList<>();
        List<HeadTrainer.Example> held = new ArrayList<>();
        int done = 0;
        for (LabeledText t : data.examples()) {
            // Train on what the stage sees at run time: the lexically normalized text.
            String seen = NORMALIZER.normalize(t.text()).text();
            HeadTrainer.Example e = new HeadTrainer.Example(embedder.embed(seen), t.label());
            (heldOut(t.text()) ? held : train).add(e);
            progress.accept(++done);
        }
        HeadTrainer trainer = new HeadTrainer(options);
        List<LinearHead> heads = new ArrayList<>();
        List<HeadTrainer.Metrics> metrics = new ArrayList<>();
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("examples", data.examples().size());
        summary.put("train", train.size());
        summary.put("heldOut", held.size());
        summary.put("epochs", options.epochs());
        summary.put("learningRate", options.learningRate());
        summary.put("l2", options.l2());
        ObjectNode per = summary.putObject("heldOutMetrics");
        for (String category : data.categories()) {
            LinearHead fitted = trainer.fit(category, train);
            HeadTrainer.Metrics m = HeadTrainer.calibrate(fitted, held);
            heads.add(new LinearHead(category, fitted.weights(), fitted.bias(), m.threshold()));
            metrics.add(m);
            ObjectNode o = per.putObject(category);
            o.put("positives", m.positives());
            o.put("threshold", round(m.threshold()));
            o.put("precision", round(m.precision()));
            o.put("recall", round(m.recall()));
            o.put("f1", round(m.f1()));
        }
        return new Result(new ClassifierHead(embedder.modelSha256(), heads, summary), metrics, train.size(), held.size());
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
