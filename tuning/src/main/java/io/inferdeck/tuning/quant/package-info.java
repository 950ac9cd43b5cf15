/**
 * InferDeck's GGUF quantizer: {@link io.inferdeck.tuning.quant.Quantizer#quantize} streams an F32/F16/BF16
 * model into a {@link io.inferdeck.tuning.quant.QuantMix} (plain types and llama.cpp's k-quant mixes, per-tensor types
 * from {@link io.inferdeck.tuning.quant.TensorTypePlan}); {@code plannedDataBytes} previews a variant
 * without writing it (for the variant drop-down and the quantization report).
 */
package io.inferdeck.tuning.quant;
