package io.inferdeck.app.cli;

import io.inferdeck.tuning.quant.QuantMix;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code quantize --type}: a plain type or one of llama.cpp's k-quant mixes ({@link QuantMix}),
 * case-insensitive, registered once by {@link InferDeckCli#configure} and refused while parsing (exit 2).
 * {@link Variants} is the same for {@code quant-report --variants}, whose message says "variant".
 */
class QuantMixConverter implements ITypeConverter<QuantMix> {
    private final String noun;

    QuantMixConverter() {
        this("type");
    }

    private QuantMixConverter(String noun) {
        this.noun = noun;
    }

    @Override
    public QuantMix convert(String value) {
        return QuantMix.byName(value.strip()).orElseThrow(() -> new TypeConversionException("unknown " + noun + " '" + value
                + "' (choose from " + Arrays.stream(QuantMix.values()).map(QuantMix::name).collect(Collectors.joining(", ")) + ")"));
    }

    /** The converter of options that name report variants. */
    static final class Variants extends QuantMixConverter {
        Variants() {
            super("variant");
        }
    }
}
