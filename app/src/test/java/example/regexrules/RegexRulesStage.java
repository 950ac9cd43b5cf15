package example.regexrules;

import io.inferdeck.plugin.api.PluginApi;
import io.inferdeck.plugin.api.safety.Decision;
import io.inferdeck.plugin.api.safety.FilterStagePlugin;
import io.inferdeck.plugin.api.safety.StageText;
import io.inferdeck.plugin.api.safety.StageVerdict;
import io.inferdeck.plugin.api.safety.TextSpan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample safety plugin (docs/plugins.md): regular-expression rules bundled in its jar as {@code rules.tsv}
 * (name, category, decision, pattern; tab-separated, '#' comments), matched against the normalized text. The
 * most severe matching rule decides; its spans point into the original text. Uses only the plugin API.
 */
public class RegexRulesStage implements FilterStagePlugin {
    private record Rule(String name, String category, Decision decision, Pattern pattern) {
    }

    private final List<Rule> rules = load();

    @Override
    public int apiVersion() {
        return PluginApi.VERSION;
    }

    @Override
    public String id() {
        return "regex-rules";
    }

    @Override
    public int order() {
        return 250;   // after normalize (100) and blocklist (200), before PII (300)
    }

    @Override
    public StageVerdict judge(StageText text) {
        Rule decisive = null;
        List<TextSpan> spans = new ArrayList<>();
        for (Rule r : rules) {
            Matcher m = r.pattern().matcher(text.normalized());
            while (m.find()) {
                spans.add(text.toOriginal(m.start(), m.end(), r.name()));
                if (decisive == null || r.decision().compareTo(decisive.decision()) > 0) {
                    decisive = r;
                }
            }
        }
        return decisive == null ? StageVerdict.allow()
                : StageVerdict.of(decisive.decision(), "regex-rules:" + decisive.name(), decisive.category(), spans);
    }

    @Override
    public String configFingerprint() {
        return "|regex-rules=" + rules.size() + ":" + rules.stream().map(r -> r.pattern().pattern()).toList().hashCode();
    }

    private static List<Rule> load() {
        try (InputStream in = RegexRulesStage.class.getResourceAsStream("rules.tsv")) {
            if (in == null) {
                throw new IllegalStateException("rules.tsv is missing from the plugin jar");
            }
            List<Rule> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 4);
                out.add(new Rule(f[0], f[1], Decision.valueOf(f[2].strip().toUpperCase(java.util.Locale.ROOT)),
                        Pattern.compile(f[3].strip(), Pattern.CASE_INSENSITIVE)));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
