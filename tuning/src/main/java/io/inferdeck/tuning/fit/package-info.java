/**
 * Memory-fit estimate before launch: {@link io.inferdeck.tuning.fit.ModelShape#from} (GGUF header) +
 * {@link io.inferdeck.tuning.fit.FitSettings} (the profile's knobs) + free bytes per GPU (NVML) →
 * {@link io.inferdeck.tuning.fit.MemoryFitEstimator#estimate} → per-GPU weights/KV/compute/overhead with a
 * FITS / TIGHT / WILL_NOT_FIT verdict, ready for a stacked bar.
 */
package io.inferdeck.tuning.fit;
