package io.inferdeck.safety.pipeline;

import io.inferdeck.plugin.api.PluginApi;
import io.inferdeck.plugin.api.safety.Decision;
import io.inferdeck.plugin.api.safety.FilterStagePlugin;
import io.inferdeck.plugin.api.safety.StageText;
import io.inferdeck.plugin.api.safety.StageVerdict;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link RegexRuleStage} written against the plugin API only: BLOCK when "card #dddd" appears in the
 * normalized text, the span mapped back to the original. Its nested variants are the other test plugins.
 */
public class ApiRegexPlugin implements FilterStagePlugin {
    private static final Pattern CARD = Pattern.compile("card\\s*#\\d{4}");

    @Override
    public int apiVersion() {
        return PluginApi.VERSION;
    }

    @Override
    public String id() {
        return "regex";
    }

    @Override
    public int order() {
        return 250;
    }

    @Override
    public StageVerdict judge(StageText text) {
        Matcher m = CARD.matcher(text.normalized());
        return m.find() ? StageVerdict.of(Decision.BLOCK, "regex:card", "fraud", List.of(text.toOriginal(m.start(), m.end(), "card")))
                : StageVerdict.allow();
    }

    @Override
    public String configFingerprint() {
        return "|regex=" + CARD.pattern();
    }

    /** Masks every digit run (REDACT), on top of what earlier stages masked. */
    public static class Digits extends ApiRegexPlugin {
        @Override
        public String id() {
            return "digits";
        }

        @Override
        public int order() {
            return 350;
        }

        @Override
        public StageVerdict judge(StageText text) {
            String masked = text.masked().replaceAll("\\d", "#");
            return masked.equals(text.masked()) ? StageVerdict.allow()
                    : new StageVerdict(Decision.REDACT, "digits:any", "numbers", List.of(), java.util.Optional.of(masked));
        }
    }

    /** Fails on every text. */
    public static class Flaky extends ApiRegexPlugin {
        @Override
        public String id() {
            return "flaky";
        }

        @Override
        public StageVerdict judge(StageText text) {
            throw new IllegalStateException("cannot judge " + text.original());
        }
    }

    /** Takes a built-in's id. */
    public static class Pii extends ApiRegexPlugin {
        @Override
        public String id() {
            return "pii";
        }
    }

    /** Fails while the pipeline reads its setup. */
    public static class NoOrder extends ApiRegexPlugin {
        @Override
        public String id() {
            return "no-order";
        }

        @Override
        public int order() {
            throw new UnsupportedOperationException("order not configured");
        }
    }
}
