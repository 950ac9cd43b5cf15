import io.inferdeck.safety.classifier.*;
import io.inferdeck.safety.normalize.*;
import java.io.*;
import java.nio.file.*;
import java.util.*;
// Ad-hoc analysis for docs/safety/evaluation.md: embeds the dev split (part "dev"), a training file (parts "fit"/"cal"
// by the same seeded 20 % split `safety train` uses) and optional extra files (part "a:NAME") with both models, and
// writes meta.tsv (part, label, lang, has-Han, normalized text) and the vectors for exp_ensemble.py. Class path as
// for Dump.java. java Dump2 CACHE OUT dev.jsonl training-set.jsonl [author.jsonl ...]
public class Dump2 {
    public static void main(String[] a) throws Exception {
        Path cache = Path.of(a[0]), out = Path.of(a[1]);
        Files.createDirectories(out);
        Normalizer norm = new Normalizer(NormalizerOptions.LEXICAL);
        try (Embedder m = OnnxEmbedder.load(cache, OnnxModel.MINILM); Embedder b = OnnxEmbedder.load(cache, OnnxModel.BGE_ZH);
             PrintWriter meta = new PrintWriter(Files.newBufferedWriter(out.resolve("meta.tsv")));
             DataOutputStream vm = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out.resolve("minilm.f32"))));
             DataOutputStream vb = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out.resolve("bge.f32"))))) {
            int i = 0;
            for (int f = 2; f < a.length; f++) {
                TrainingData d = TrainingData.read(Path.of(a[f]));
                List<LabeledText> ex = d.examples();
                boolean[] held = f == 3 ? HeldOutSplit.stratified(ex, 15, 0.2) : null;
                String src = Path.of(a[f]).getFileName().toString().replace(".jsonl", "");
                for (int k = 0; k < ex.size(); k++) {
                    LabeledText t = ex.get(k);
                    String s = norm.normalize(t.text()).text();
                    String part = f == 2 ? "dev" : f == 3 ? (held[k] ? "cal" : "fit") : "a:" + src;
                    meta.println(part + "\t" + t.label() + "\t" + t.lang() + "\t" + (io.inferdeck.safety.Lang.hasHan(s) ? 1 : 0) + "\t" + s.replace('\t', ' ').replace('\n', ' '));
                    for (float x : m.embed(s)) vm.writeFloat(x);
                    for (float x : b.embed(s)) vb.writeFloat(x);
                    if (++i % 500 == 0) System.err.println(i);
                }
            }
        }
    }
}
