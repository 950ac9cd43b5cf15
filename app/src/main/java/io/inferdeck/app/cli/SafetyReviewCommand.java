package io.inferdeck.app.cli;

import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.review.ReviewItem;
import io.inferdeck.services.safety.FilterSettings;
import io.inferdeck.services.safety.ReviewDesk;
import io.inferdeck.services.safety.ReviewPage;
import io.inferdeck.services.safety.SafetyService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Predicate;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code inferdeck safety review list|approve ID|block ID|relabel ID LABEL|export FILE}: works the human
 * review queue from a terminal, like the Safety view's review tab. Exit 0 on success, 2 when the item
 * does not exist or is no longer pending, or the queue cannot be opened. Texts are already PII-masked.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Work the safety review queue: list, approve, block, relabel, export relabels as training JSONL.")
final class SafetyReviewCommand {

    private final Supplier<SafetyPaths> paths;

    @Spec
    CommandSpec spec;

    SafetyReviewCommand() {
        this(SafetyPaths::fromEnvironment);
    }

    SafetyReviewCommand(Supplier<SafetyPaths> paths) {
        this.paths = paths;
    }

    @FunctionalInterface
    private interface Action {
        int apply(ReviewDesk desk, PrintWriter out) throws IOException;
    }

    /** Errors go to the CLI error handler, which reports them in one line. */
    private int withQueue(Action action) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (SafetyService safety = new SafetyService(paths.get(), FilterSettings.defaults(), Clock.systemUTC())) {
            int code = action.apply(safety.review(), out);
            out.flush();
            return code;
        }
    }

    @Command(name = "list", description = "Pending items, oldest first.")
    int list(@Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).") int limit) throws IOException {
        return withQueue((desk, out) -> {
            ReviewPage page = desk.page(limit);
            out.printf(Locale.ROOT, "%d pending%n", page.pendingCount());
            for (ReviewItem i : page.items()) {
                out.printf(Locale.ROOT, "#%d  %s  %-6s %-12s %s  %s%n", i.id(), i.createdAt(), i.side(), i.category(),
                        i.score().isPresent() ? String.format(Locale.ROOT, "%.3f", i.score().getAsDouble()) : "-",
                        i.text().replaceAll("\\s+", " "));
            }
            return 0;
        });
    }

    @Command(name = "approve", description = "Mark an item as acceptable (benign).")
    int approve(@Parameters(paramLabel = "ID") long id) throws IOException {
        return decide(id, "approved", d -> d.approve(id));
    }

    @Command(name = "block", description = "Confirm an item should be blocked.")
    int block(@Parameters(paramLabel = "ID") long id) throws IOException {
        return decide(id, "blocked", d -> d.block(id));
    }

    @Command(name = "relabel", description = "Give an item a category (or 'benign'); relabels feed training.")
    int relabel(@Parameters(index = "0", paramLabel = "ID") long id, @Parameters(index = "1", paramLabel = "LABEL") String label) throws IOException {
        return decide(id, "relabeled as " + label, d -> d.relabel(id, label));
    }

    @Command(name = "export", description = "Write reviewed items as training JSONL (text, label) for 'safety train'.")
    int export(@Parameters(paramLabel = "FILE") Path file) throws IOException {
        return withQueue((desk, out) -> {
            int n = desk.exportTraining(file);
            out.printf(Locale.ROOT, "%d examples written to %s%n", n, file);
            return 0;
        });
    }

    /** @param decision false when the item is not pending */
    private int decide(long id, String what, Predicate<ReviewDesk> decision) throws IOException {
        return withQueue((desk, out) -> {
            if (!decision.test(desk)) {
                throw CliError.badInput("no pending item #" + id, "`inferdeck safety review list` shows the pending ones");
            }
            out.printf(Locale.ROOT, "#%d %s; %d pending%n", id, what, desk.pendingCount());
            return 0;
        });
    }
}
