package io.inferdeck.services.safety.live;

import io.inferdeck.safety.Span;
import java.util.Comparator;
import java.util.List;

/**
 * Cutting a text that has PII spans without cutting through one: where to cut, and the masked piece before the
 * cut. Used where only a prefix of a text may go out now (a stream's released part, a capped capture). Stateless.
 */
final class MaskedCut {
    private MaskedCut() {
    }

    /** {@code cut}, moved back to the start of a span that straddles it (the span waits for the next piece). */
    static int before(List<Span> spans, int cut) {
        int at = cut;
        for (Span s : spans) {
            if (s.start() < at && s.end() > at) {
                at = s.start();
            }
        }
        return at;
    }

    /** {@code text[from, to)} with every span inside that range replaced by its mask; spans outside are ignored. */
    static String redact(String text, List<Span> spans, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        int at = from;
        for (Span s : spans.stream().sorted(Comparator.comparingInt(Span::start)).toList()) {
            if (s.start() < at || s.end() > to || s.replacement() == null) {
                continue;
            }
            sb.append(text, at, s.start()).append(s.replacement());
            at = s.end();
        }
        return sb.append(text, at, to).toString();
    }

    /** True when some span lies inside {@code [from, to)}: its piece was masked. */
    static boolean masks(List<Span> spans, int from, int to) {
        return spans.stream().anyMatch(s -> s.start() >= from && s.end() <= to && s.replacement() != null);
    }
}
