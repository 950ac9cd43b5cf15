package io.inferdeck.app.cli;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.tuning.quant.Quantizer;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Every quantization-type option ({@code sweep --quant}, {@code quant-report --variants}, {@code quantize
 * --type}...), registered once by {@link InferDeckCli#configure}: only the types InferDeck can write
 * ({@link Quantizer#TARGETS}), case-insensitive, refused while parsing so nothing runs for a typo.
 */
final class QuantTypeConverter implements ITypeConverter<GgmlType> {
    @Override
    public GgmlType convert(String value) {
        return GgmlType.byName(value.strip()).filter(Quantizer.TARGETS::contains).orElseThrow(() -> new TypeConversionException(
                "unknown variant '" + value + "' (choose from " + Quantizer.TARGETS.stream().map(GgmlType::name)
                        .collect(Collectors.joining(", ")) + ")"));
    }
}
