/**
 * InferDeck's GGUF quantizer: {@link io.inferdeck.tuning.quant.Quantizer#quantize} streams an F32/F16/BF16
 * model into F16/BF16/Q8_0/Q4_0/Q4_1/Q5_0; {@code plannedType}/{@code plannedDataBytes} preview a variant
 * without writing it (for the variant drop-down and the quantization report).
 */
package io.inferdeck.tuning.quant;
