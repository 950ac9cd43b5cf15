/**
 * The quantization report: per variant of a model its file size, decode speed and TTFT on the built-in
 * engine, and quality loss against the highest-precision variant. Quality comes from {@link
 * io.inferdeck.tuning.quality.ReferenceModel}, InferDeck's own F32 forward pass over dequantized weights,
 * because the JNI binding exposes no per-position logits; a test checks it against llama.cpp's greedy tokens.
 * No JavaFX here: the Tuning view calls {@link io.inferdeck.tuning.quality.QuantReport} off the FX thread.
 */
package io.inferdeck.tuning.quality;
