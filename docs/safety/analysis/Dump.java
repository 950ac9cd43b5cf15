// Ad-hoc analysis for docs/safety/evaluation.md: embeds training set (tagged fit/cal by the seeded split) and dev split
// once with MiniLM and BGE-small-zh. Run with safety/target/classes and app/target/lib/* on the class path:
// java -cp ...:. Dump CACHE_DIR OUT_DIR training-set.jsonl dev-split.jsonl
import io.inferdeck.safety.classifier.*;
import io.inferdeck.safety.normalize.*;
import java.io.*;
import java.nio.*;
import java.nio.file.*;
import java.util.*;

public class Dump {
    public static void main(String[] a) throws Exception {
        Path cache = Path.of(a[0]);
        Path out = Path.of(a[1]);
        TrainingData train = TrainingData.read(Path.of(a[2]));
        TrainingData dev = TrainingData.read(Path.of(a[3]));
        Normalizer norm = new Normalizer(NormalizerOptions.LEXICAL);
        boolean[] held = HeldOutSplit.stratified(train.examples(), 15, 0.2);
        try (Embedder m = OnnxEmbedder.load(cache, OnnxModel.MINILM); Embedder b = OnnxEmbedder.load(cache, OnnxModel.BGE_ZH);
             PrintWriter meta = new PrintWriter(Files.newBufferedWriter(out.resolve("meta.tsv")));
             DataOutputStream vm = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out.resolve("minilm.f32"))));
             DataOutputStream vb = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out.resolve("bge.f32"))))) {
            int i = 0;
            for (String split : List.of("train", "dev")) {
                List<LabeledText> ex = (split.equals("train") ? train : dev).examples();
                for (int k = 0; k < ex.size(); k++) {
                    LabeledText t = ex.get(k);
                    String s = norm.normalize(t.text()).text();
                    String part = split.equals("train") ? (held[k] ? "cal" : "fit") : "dev";
                    meta.println(part + "\t" + t.label() + "\t" + t.lang() + "\t" + (io.inferdeck.safety.Lang.hasHan(s) ? 1 : 0));
                    for (float f : m.embed(s)) vm.writeFloat(f);
                    for (float f : b.embed(s)) vb.writeFloat(f);
                    if (++i % 500 == 0) System.err.println(i);
                }
            }
        }
    }
}
