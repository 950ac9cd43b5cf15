import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two builds of the safety module in one JVM, each in its own class loader, their rounds interleaved so that both see
 * the same machine at the same moments (this machine's host noise moves every figure by up to ~30 % for tens of
 * seconds). Per build: the whole input stage (normalize + Blocklist.find), find on pre-normalized text, normalize
 * alone, on BlocklistBench's inputs (100 000 terms, 8 M chars); CPU time of this thread; best and median of the
 * rounds after 5 warm-up rounds. Used for docs/safety/speed.md; not part of the build.
 * <pre>
 * javac -d /tmp/ib -cp common/target/classes:safety/target/classes docs/safety/analysis/InterleavedStageBench.java
 * java -cp /tmp/ib InterleavedStageBench OLD_CLASSPATH NEW_CLASSPATH 25
 * </pre>
 * where a classpath is {@code common/target/classes:safety/target/classes} of a checkout.
 */
public class InterleavedStageBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String[] OPS = {"whole", "find", "normalize"};
    private static final int WARM_UP = 5;

    /** One build's inputs and operations; loaded once per build. */
    public static final class Build {
        static String text;
        static io.inferdeck.safety.blocklist.Blocklist blocklist;
        static io.inferdeck.safety.normalize.Normalizer norm;
        static io.inferdeck.safety.normalize.NormalizedText pre;
        static long sink;

        public static double setUp() {
            List<String> terms = io.inferdeck.safety.bench.BenchCorpus.terms(100_000, 7);
            text = io.inferdeck.safety.bench.BenchCorpus.mixedText(8_000_000, terms, 11);
            blocklist = io.inferdeck.safety.blocklist.Blocklist.build(
                    List.of(new io.inferdeck.safety.blocklist.TermList("bench", "bench", terms)));
            norm = new io.inferdeck.safety.normalize.Normalizer(io.inferdeck.safety.normalize.NormalizerOptions.LEXICAL);
            pre = norm.normalize(text);
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 1e6;
        }

        public static void whole() {
            sink += blocklist.find(norm.normalize(text)).size();
        }

        public static void find() {
            sink += blocklist.find(pre).size();
        }

        public static void normalize() {
            sink += norm.normalize(text).length();
        }
    }

    public static void main(String[] args) throws Exception {
        URL self = InterleavedStageBench.class.getProtectionDomain().getCodeSource().getLocation();
        Class<?>[] builds = new Class<?>[2];
        double mb = 0;
        for (int v = 0; v < 2; v++) {
            List<URL> urls = new ArrayList<>(List.of(self));
            for (String p : args[v].split(File.pathSeparator)) {
                urls.add(new File(p).toURI().toURL());
            }
            builds[v] = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())
                    .loadClass(Build.class.getName());
            mb = (double) builds[v].getMethod("setUp").invoke(null);
        }
        int rounds = Integer.parseInt(args[2]);
        double[][][] seconds = new double[2][OPS.length][rounds];
        for (int r = -WARM_UP; r < rounds; r++) {
            for (int o = 0; o < OPS.length; o++) {
                for (int v = 0; v < 2; v++) {
                    Method m = builds[v].getMethod(OPS[o]);
                    long t = THREADS.getCurrentThreadCpuTime();
                    m.invoke(null);
                    if (r >= 0) {
                        seconds[v][o][r] = (THREADS.getCurrentThreadCpuTime() - t) / 1e9;
                    }
                }
            }
        }
        for (int o = 0; o < OPS.length; o++) {
            for (int v = 0; v < 2; v++) {
                double[] s = seconds[v][o];
                Arrays.sort(s);
                System.out.printf("%-9s %s: best %.0f MB/s, median %.0f MB/s (n=%d)%n", OPS[o], v == 0 ? "old" : "new",
                        mb / s[0], mb / s[s.length / 2], s.length);
            }
        }
    }
}
