package io.inferdeck.services.safety.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.gateway.filter.FilterDecision;
import io.inferdeck.control.gateway.filter.StreamGuard;
import io.inferdeck.control.gateway.filter.StreamGuard.Release;
import io.inferdeck.control.profile.GatewaySettings;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.services.safety.FilterSettings;
import io.inferdeck.services.safety.SafetyService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reply guard over the real window stages (normalize, blocklist, PII with the default masks). */
class LookBehindGuardTest {
    @TempDir
    static Path dir;
    static SafetyService safety;
    static LiveTrafficFilter filter;

    @BeforeAll
    static void open() throws Exception {
        safety = new SafetyService(new SafetyPaths(dir.resolve("data"), dir.resolve("config")), FilterSettings.defaults(),
                Clock.systemUTC());
        filter = LiveTrafficFilter.open(new GatewaySettings.Safety(true, true, "forward", List.of("normalize", "blocklist", "pii")),
                safety);
    }

    @AfterAll
    static void close() {
        filter.close();
        safety.close();
    }

    /** Feeds the deltas, returns what was released for each, then the tail released by finish(). */
    static List<String> stream(StreamGuard g, String... deltas) {
        List<String> out = new ArrayList<>();
        for (String d : deltas) {
            Release r = g.accept(d);
            assertThat(r.blocked()).as("blocked on %s", d).isFalse();
            out.add(r.text());
        }
        out.add(g.finish().text());
        return out;
    }

    @Test
    void personalDataSplitAcrossDeltasIsMaskedAndNeverReleasedInPart() {
        StreamGuard g = filter.guard();
        List<String> out = stream(g, "Write to bob.smi", "th@example.com or call 138 00", "13 8000, card 4111 1111 ",
                "1111 1111 today.");
        String all = String.join("", out);
        assertThat(all).isEqualTo("Write to b***@example.com or call 138 **** 8000, card 4111 **** **** 1111 today.");
        assertThat(out).noneMatch(piece -> piece.contains("smi") || piece.contains("0013") || piece.contains("1111 1111"));
        assertThat(g.outcome().decision()).isEqualTo(FilterDecision.MASKED);
        assertThat(g.outcome().stage()).isEqualTo("pii");
    }

    @Test
    void onlyTheTrailingRunIsHeldBack() {
        StreamGuard g = filter.guard();
        assertThat(g.accept("The quick brown fox ").text()).isEqualTo("The quick brown fox ");
        assertThat(g.accept("jumps").text()).as("a word may still grow into an address").isEmpty();
        assertThat(g.accept(" over, then").text()).isEqualTo("jumps over, ");
        assertThat(g.finish().text()).isEqualTo("then");
        assertThat(g.outcome().decision()).isEqualTo(FilterDecision.PASS);
        StreamGuard run = filter.guard();
        String blob = "x".repeat(200);
        assertThat(run.accept(blob).text()).as("an unbroken run releases all but the look-behind")
                .hasSize(200 - LookBehindGuard.LOOK_BEHIND);
    }

    @Test
    void aBlocklistedPhraseSplitAcrossReleasedTextAndANewDeltaBlocks() {
        StreamGuard g = filter.guard();
        assertThat(g.accept("Sure. To make a ").text()).isEqualTo("Sure. To make a ");
        Release r = g.accept("bomb you need");
        assertThat(r.blocked()).isTrue();
        assertThat(g.accept(" more").blocked()).as("nothing after a block").isTrue();
        assertThat(g.finish().blocked()).isTrue();
        assertThat(g.outcome().decision()).isEqualTo(FilterDecision.BLOCK);
        assertThat(g.outcome().stage()).isEqualTo("blocklist");
        assertThat(g.outcome().excerpt()).contains("make a bomb");
    }

    @Test
    void aWholeReplyLongerThanAPieceIsMaskedAtThePieceBoundariesToo() {
        String filler = "word ".repeat((LookBehindGuard.PIECE - 10) / 5);
        String text = filler + "mail bob.smith@example.com now " + filler + "end";
        StreamGuard g = filter.guard();
        String out = g.accept(text).text() + g.finish().text();
        assertThat(out).isEqualTo(filler + "mail b***@example.com now " + filler + "end");
    }

    @Test
    void theMaskerNeverKeepsHalfOfASpanAtItsCut() {
        PiiMasker m = new PiiMasker(safety.piiDetector());
        String text = "call 13800138000 please";
        assertThat(m.mask(text, 100)).isEqualTo("call 138****8000 please");
        assertThat(m.mask(text, 10)).as("the number straddles the cut: left out whole").isEqualTo("call ");
        assertThat(m.mask(text, 16)).isEqualTo("call 138****8000");
    }
}
