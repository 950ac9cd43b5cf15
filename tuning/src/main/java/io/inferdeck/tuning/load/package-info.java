/**
 * The load generator. Build a {@link io.inferdeck.tuning.load.BenchPlan}, call
 * {@link io.inferdeck.tuning.load.LoadGenerator#run} (blocking; progress snapshots to a listener;
 * {@code stop()} from any thread) and get an immutable, invariant-checked
 * {@link io.inferdeck.tuning.load.BenchResult}. A sweep calls {@code run} once per grid point after the
 * engine is Ready; {@code BenchResult.figures()} is the flat map run history stores and compares.
 */
package io.inferdeck.tuning.load;
