package io.inferdeck.safety.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.safety.Decision;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiDetectorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);
    private final PiiDetector pii = PiiDetector.all(CLOCK);
    private final PiiStage stage = new PiiStage(pii);

    private String redact(String s) {
        return stage.apply(s).redacted();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "身份证号 110101199003071233 请核对|身份证号 110***********1233 请核对",
        "ID 11010519491231002x end|ID 110***********002x end",
        "call 13800138000 now|call 138****8000 now",
        "call +86 138-0013-8000 now|call +86 138-****-8000 now",
        "电话：１３８００１３８０００。|电话：138****8000。",
        "mail zhang.san@example.com.cn ok|mail z***@example.com.cn ok",
        "card 4111 1111 1111 1111 thanks|card 4111 **** **** 1111 thanks",
        "银行卡6222020200112233446|银行卡6222***********3446",
        "host 192.168.10.20 down|host 192.168.*.* down",
        "v6 2001:db8::8a2e:370:7334 up|v6 2001:db8::*:*:* up",
    })
    void masksValidPii(String in, String expected) {
        assertThat(redact(in)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "invalid checksum 110101199003071234",
        "impossible date 110101199002301236",
        "future birth 110101203001011234",
        "not luhn 4111 1111 1111 1112",
        "order number 12345678901234",
        "version 1.2.3.4.5 and 300.1.1.1",
        "time 12:30:45 and std::cout and a::b::c",
        "landline 010-12345678 and 12800138000",
    })
    void leavesLookAlikesAlone(String in) {
        assertThat(stage.apply(in).verdict().decision()).isEqualTo(Decision.ALLOW);
        assertThat(redact(in)).isEqualTo(in);
    }

    @Test
    void idWithInvalidChecksumIsNotMaskedEvenWhenItPassesLuhnLength() {
        // 18 digits, bad GB 11643 check char: neither an ID nor (wrong first digit) a card.
        assertThat(pii.find("110101199003071234")).isEmpty();
        assertThat(Checksums.isValidChinaId("110101199003071233", LocalDate.of(2025, 1, 1))).isTrue();
    }

    @Test
    void hiddenJoinersDoNotHideANumberAndSpansCoverThem() {
        String s = "tel 138\u200B0013\u200B8000";
        List<PiiFinding> f = pii.find(s);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(PiiKind.CN_MOBILE);
            assertThat(s.substring(x.span().start(), x.span().end())).isEqualTo("138\u200B0013\u200B8000");
            assertThat(x.masked()).isEqualTo("138****8000");
        });
    }

    @Test
    void verdictCarriesKindsAndNoRawValues() {
        var r = stage.apply("a@b.io 13800138000");
        assertThat(r.verdict().decision()).isEqualTo(Decision.REDACT);
        assertThat(r.verdict().rule()).isEqualTo("pii:cn_mobile,email");
        assertThat(r.verdict().toString()).doesNotContain("13800138000").doesNotContain("a@b.io");
        assertThat(r.toString()).doesNotContain("13800138000");
    }

    @Test
    void masksAreConfigurableAndKindsCanBeSwitchedOff() {
        MaskPolicy p = MaskPolicy.parse("email=label:[EMAIL], cn_id=keep:6:0:#");
        PiiDetector d = new PiiDetector(EnumSet.of(PiiKind.EMAIL, PiiKind.CN_ID), p, CLOCK);
        String out = new PiiStage(d).apply("x@y.com 110101199003071233 13800138000").redacted();
        assertThat(out).isEqualTo("[EMAIL] 110101############ 13800138000");
        assertThatThrownBy(() -> MaskPolicy.parse("email=blur")).hasMessageContaining("bad mask spec");
    }

    @Test
    void luhnAndIpv6Checks() {
        assertThat(Checksums.luhn("5500000000000004")).isTrue();
        assertThat(Checksums.luhn("5500000000000005")).isFalse();
        assertThat(Checksums.isIpv6("fe80:0:0:0:202:b3ff:fe1e:8329")).isTrue();
        assertThat(Checksums.isIpv6("1:2:3:4:5:6:7")).isFalse();
        assertThat(Checksums.isIpv6("1::2::3")).isFalse();
    }

    @Test
    void usSsnFollowsTheIssuingRules() {
        PiiDetector d = PiiDetector.all(CLOCK);
        assertThat(d.find("my SSN is 123-45-6789, ok")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(PiiKind.US_SSN);
            assertThat(f.masked()).isEqualTo("***-**-6789");
        });
        assertThat(d.find("ssn 536 22 1234")).extracting(PiiFinding::kind).containsExactly(PiiKind.US_SSN);
        for (String never : List.of("000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456", "123-00-4567",
                "123-45-0000", "123-45 6789", "call 2024-10-1234x", "1-123-45-6789-2")) {
            assertThat(d.find(never)).as(never).noneMatch(f -> f.kind() == PiiKind.US_SSN);
        }
    }

    @Test
    void ibanNeedsItsMod97Check() {
        PiiDetector d = PiiDetector.all(CLOCK);
        assertThat(d.find("pay to DE89 3704 0044 0532 0130 00 today")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(PiiKind.IBAN);
            assertThat(f.masked()).isEqualTo("DE89 **** **** **** **30 00");
        });
        assertThat(d.find("GB82WEST12345698765432")).extracting(PiiFinding::kind).containsExactly(PiiKind.IBAN);
        assertThat(d.find("DE88 3704 0044 0532 0130 00")).noneMatch(f -> f.kind() == PiiKind.IBAN);
        assertThat(d.find("GB82WEST12345698765433")).isEmpty();
        assertThat(Checksums.isValidIban("DE89370400440532013000")).isTrue();
        assertThat(Checksums.isValidIban("de89370400440532013000")).isFalse();
        assertThat(Checksums.isValidUsSsn("078051120")).isTrue();
    }
}
