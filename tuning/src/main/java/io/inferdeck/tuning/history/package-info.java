/**
 * Run history in SQLite (WAL): {@link io.inferdeck.tuning.history.RunHistory} start → checkpoint* →
 * complete | markPartial; runs of processes that died are marked PARTIAL on the next open. List, get,
 * compare two runs ({@link io.inferdeck.tuning.history.RunComparison}), export
 * ({@link io.inferdeck.tuning.history.HistoryExport}).
 */
package io.inferdeck.tuning.history;
