package io.inferdeck.control.gateway;

import io.inferdeck.control.gateway.filter.FilterDecision;
import io.inferdeck.control.gateway.filter.FilterOutcome;
import io.inferdeck.control.gateway.filter.InputVerdict;
import io.inferdeck.control.gateway.filter.StreamGuard;
import io.inferdeck.control.gateway.filter.TextMasker;
import io.inferdeck.control.gateway.filter.TrafficFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the safety module's filters, so the gateway's side can be tested here: "SECRET" is personal data
 * (masked as "******"), "BOMB" is blocked, "borderline" goes to review (or is held, with {@code hold}). Its reply
 * guard holds back the last 5 characters (one less than the word it masks) and never cuts that word, so that it
 * is masked when split across two deltas. Counts its closing.
 */
final class WordFilter implements TrafficFilter {
    static final TextMasker MASKER = (text, keep) -> mask(text.substring(0, Math.min(keep, text.length())));

    private final boolean hold;
    volatile boolean closed;

    WordFilter(boolean hold) {
        this.hold = hold;
    }

    static String mask(String text) {
        return text.replace("SECRET", "******");
    }

    private FilterOutcome judge(String text) {
        String excerpt = mask(text);
        if (text.contains("BOMB")) {
            return new FilterOutcome(FilterDecision.BLOCK, "words", "rule:weapons", excerpt);
        }
        if (text.contains("borderline")) {
            return new FilterOutcome(hold ? FilterDecision.HOLD : FilterDecision.REVIEW, "words", "word:borderline", excerpt);
        }
        return text.contains("SECRET") ? new FilterOutcome(FilterDecision.MASKED, "pii", "word:SECRET", excerpt) : FilterOutcome.PASS;
    }

    @Override
    public InputVerdict inspect(List<String> texts) {
        FilterOutcome worst = FilterOutcome.PASS;
        List<String> masked = new ArrayList<>();
        for (String t : texts) {
            worst = worst.orWorse(judge(t));
            masked.add(mask(t));
        }
        return new InputVerdict(worst, masked);
    }

    @Override
    public boolean filtersOutput() {
        return true;
    }

    @Override
    public StreamGuard guard() {
        return new StreamGuard() {
            private final StringBuilder held = new StringBuilder();
            private FilterOutcome outcome = FilterOutcome.PASS;

            @Override
            public Release accept(String delta) {
                held.append(delta);
                return release(Math.max(0, held.length() - 5));
            }

            @Override
            public Release finish() {
                return release(held.length());
            }

            private Release release(int upTo) {
                outcome = outcome.orWorse(judge(held.toString()));
                if (outcome.decision() == FilterDecision.BLOCK) {
                    return Release.BLOCKED;
                }
                for (int at = held.indexOf("SECRET"); at >= 0; at = held.indexOf("SECRET", at + 1)) {
                    if (at < upTo && upTo < at + 6) {
                        upTo = at;   // never cut a word in two: the mask is as long as the word
                    }
                }
                String released = mask(held.substring(0, upTo));
                held.delete(0, upTo);
                return Release.of(released);
            }

            @Override
            public FilterOutcome outcome() {
                return outcome;
            }
        };
    }

    @Override
    public void close() {
        closed = true;
    }
}
