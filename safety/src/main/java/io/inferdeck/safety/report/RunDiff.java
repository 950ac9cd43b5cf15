package io.inferdeck.safety.report;

import java.util.List;
import java.util.Map;

/**
 * The change against the previous run of the same suite: overall recall and benign false-positive-rate
 * deltas, per-category recall deltas, and which case ids started or stopped failing. Deltas are null
 * where either side is undefined.
 */
public record RunDiff(String previousStartedAt, Fingerprint previousFingerprint, boolean fingerprintChanged,
                      Double recallDelta, Double fprDelta, Map<String, Double> categoryRecallDelta,
                      List<String> newlyFailing, List<String> newlyPassing) {
}
