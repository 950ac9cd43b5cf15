package io.inferdeck.control.metrics;

import io.inferdeck.common.prom.PromFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Metric fixtures (hand-written from each engine's documented exposition) and a settable clock. */
final class Fixtures {
    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedMetrics parsed(String name) {
        try {
            return ParsedMetrics.parse(text(name));
        } catch (PromFormatException e) {
            throw new IllegalStateException(name, e);
        }
    }

    /** A clock tests move by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2025-06-01T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
