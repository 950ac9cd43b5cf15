package io.inferdeck.app.cli;

import io.inferdeck.services.tuning.ExportFormat;
import io.inferdeck.services.tuning.RunLog;
import io.inferdeck.tuning.history.RunComparison;
import io.inferdeck.tuning.history.RunHistory;
import io.inferdeck.tuning.history.RunRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inferdeck history}: the runs bench and sweep recorded — list, show one, compare two, export. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List, show, compare and export recorded runs (<data dir>/history.db).",
        subcommands = {HistoryCommand.ListRuns.class, HistoryCommand.Show.class, HistoryCommand.Compare.class,
                HistoryCommand.Export.class})
public final class HistoryCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code --db FILE}, default {@code <data dir>/history.db}. */
    static final class Db {
        @Option(names = "--db", paramLabel = "FILE", description = "History database (default: <data dir>/history.db).") Path file;

        RunLog open() {
            return new RunLog(file != null ? file : RunHistory.defaultLocation(System.getenv()), Clock.systemUTC());
        }
    }

    static String line(RunRecord r) {
        return String.format(Locale.ROOT, "%5d  %-8s %-9s %-20s %s", r.id(), r.kind(), r.status().name().toLowerCase(Locale.ROOT),
                r.startedAt().toString().substring(0, 19), r.label() == null ? "" : r.label());
    }

    @Command(name = "list", description = "The newest runs, newest first.")
    static final class ListRuns implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Db db;
        @Option(names = "--limit", defaultValue = "20", description = "How many (default ${DEFAULT-VALUE}).") int limit;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (RunLog h = db.open()) {
                PrintWriter err = spec.commandLine().getErr();
                List<RunRecord> runs = h.list(limit, why -> err.println(CliErrorHandler.name(spec.commandLine()) + ": skipped " + why));
                out.printf("%5s  %-8s %-9s %-20s %s%n", "id", "kind", "status", "started (UTC)", "label");
                runs.forEach(r -> out.println(line(r)));
            }
            return 0;
        }
    }

    @Command(name = "show", description = "One run: settings, figures and note.")
    static final class Show implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Db db;
        @Parameters(paramLabel = "ID") long id;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (RunLog h = db.open()) {
                var run = h.get(id);
                if (run.isEmpty()) {
                    throw CliError.failure("no run " + id, "`inferdeck history list` shows the runs");
                }
                RunRecord r = run.get();
                out.println(line(r));
                out.println("hardware: " + r.hardware());
                if (r.note() != null) {
                    out.println("note: " + r.note());
                }
                r.figures().forEach((k, v) -> out.printf(Locale.ROOT, "  %-40s %12.3f%n", k, v));
                out.println("settings: " + r.profileJson());
            }
            return 0;
        }
    }

    @Command(name = "compare", description = "Two runs side by side: every figure with its change, and the settings that differ.")
    static final class Compare implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Db db;
        @Parameters(index = "0", paramLabel = "A") long a;
        @Parameters(index = "1", paramLabel = "B") long b;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (RunLog h = db.open()) {
                RunComparison c = h.compare(a, b);
                out.printf("%-40s %12s %12s %12s %8s%n", "figure", "run " + a, "run " + b, "change", "ratio");
                for (RunComparison.Row row : c.figures()) {
                    out.printf(Locale.ROOT, "%-40s %12.3f %12.3f %+12.3f %8s%n", row.name(), row.a(), row.b(), row.delta(),
                            Double.isFinite(row.ratio()) ? String.format(Locale.ROOT, "%.2fx", row.ratio()) : "-");
                }
                c.settings().forEach(d -> out.println("setting " + d.path() + ": " + d.a() + " -> " + d.b()));
            } catch (IllegalArgumentException e) {   // a run that does not exist: the same answer as `show`
                throw CliError.failure(e.getMessage(), "`inferdeck history list` shows the runs");
            }
            return 0;
        }
    }

    @Command(name = "export", description = "Write runs as CSV or JSON (atomically).")
    static final class Export implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Db db;
        @Option(names = "--csv", description = "CSV file.") Path csv;
        @Option(names = "--json", description = "JSON file.") Path json;
        @Option(names = "--limit", defaultValue = "1000", description = "Newest N runs (default ${DEFAULT-VALUE}).") int limit;

        @Override
        public Integer call() throws Exception {
            if (csv == null && json == null) {
                throw CliError.badInput("nothing to write", "give --csv FILE and/or --json FILE");
            }
            try (RunLog h = db.open()) {
                List<RunRecord> runs = h.list(limit);
                if (csv != null) {
                    h.export(runs, csv, ExportFormat.CSV);
                }
                if (json != null) {
                    h.export(runs, json, ExportFormat.JSON);
                }
                spec.commandLine().getOut().println("exported " + runs.size() + " runs");
            }
            return 0;
        }
    }
}
