package io.inferdeck.app.cli;

import io.inferdeck.tuning.load.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Every {@link Duration} option of every command ({@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 1h}, a bare
 * number of seconds, or ISO-8601 {@code PT1S}), registered once by {@link InferDeckCli#configure}: a bad
 * value is refused while the arguments are parsed, before a command starts anything or records history.
 * The text rules are {@link Durations#parse}'s, the same the console's fields use.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            try {
                return Duration.parse(value.strip());
            } catch (RuntimeException notIso) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
