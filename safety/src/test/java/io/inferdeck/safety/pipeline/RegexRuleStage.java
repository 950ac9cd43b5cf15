package io.inferdeck.safety.pipeline;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Span;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test-only stage, written as a plugin would write one: BLOCK when a regular expression matches the
 * normalized text (spans mapped back to the original), else ALLOW. Nothing in production knows it.
 */
final class RegexRuleStage implements FilterStage {
    private final Stage id;
    private final int order;
    private final Pattern pattern;
    private final String category;

    RegexRuleStage(String id, int order, String regex, String category) {
        this.id = Stage.parse(id);
        this.order = order;
        this.pattern = Pattern.compile(regex);
        this.category = category;
    }

    @Override
    public Stage id() {
        return id;
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public StageOutcome apply(StageInput in) {
        Matcher m = pattern.matcher(in.normalized().text());
        if (!m.find()) {
            return StageOutcome.judged(Verdict.allow(id));
        }
        Span span = in.normalized().toOriginal(m.start(), m.end(), category);
        return StageOutcome.judged(Verdict.byRule(Decision.BLOCK, id, id.wire() + ":" + pattern.pattern(), category,
                List.of(span)));
    }

    @Override
    public String configFingerprint() {
        return "|" + id.wire() + "=" + pattern.pattern();
    }
}
