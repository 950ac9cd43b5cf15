package io.inferdeck.app.cli;

import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.review.ReviewItem;
import io.inferdeck.safety.review.ReviewQueue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
        int apply(ReviewQueue q, PrintWriter out) throws IOException;
    }

    private int withQueue(Action action) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ReviewQueue q = new ReviewQueue(paths.get().reviewDb(), Clock.systemUTC())) {
            int code = action.apply(q, out);
            out.flush();
            return code;
        } catch (IOException | RuntimeException e) {
            err.println("safety review: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    @Command(name = "list", description = "Pending items, oldest first.")
    int list(@Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).") int limit) {
        return withQueue((q, out) -> {
            List<ReviewItem> items = q.pending(limit);
            out.printf(Locale.ROOT, "%d pending%n", q.pendingCount());
            for (ReviewItem i : items) {
                out.printf(Locale.ROOT, "#%d  %s  %-6s %-12s %s  %s%n", i.id(), i.createdAt(), i.side(), i.category(),
                        i.score().isPresent() ? String.format(Locale.ROOT, "%.3f", i.score().getAsDouble()) : "-",
                        i.text().replaceAll("\\s+", " "));
            }
            return 0;
        });
    }

    @Command(name = "approve", description = "Mark an item as acceptable (benign).")
    int approve(@Parameters(paramLabel = "ID") long id) {
        return decide(id, "approved", q -> q.approve(id));
    }

    @Command(name = "block", description = "Confirm an item should be blocked.")
    int block(@Parameters(paramLabel = "ID") long id) {
        return decide(id, "blocked", q -> q.block(id));
    }

    @Command(name = "relabel", description = "Give an item a category (or 'benign'); relabels feed training.")
    int relabel(@Parameters(index = "0", paramLabel = "ID") long id, @Parameters(index = "1", paramLabel = "LABEL") String label) {
        return decide(id, "relabeled as " + label, q -> q.relabel(id, label));
    }

    @Command(name = "export", description = "Write reviewed items as training JSONL (text, label) for 'safety train'.")
    int export(@Parameters(paramLabel = "FILE") Path file) {
        return withQueue((q, out) -> {
            int n = q.exportTrainingJsonl(file);
            out.printf(Locale.ROOT, "%d examples written to %s%n", n, file);
            return 0;
        });
    }

    private int decide(long id, String what, java.util.function.Consumer<ReviewQueue> action) {
        return withQueue((q, out) -> {
            if (q.pending(Integer.MAX_VALUE).stream().noneMatch(i -> i.id() == id)) {
                spec.commandLine().getErr().printf(Locale.ROOT, "safety review: no pending item #%d%n", id);
                spec.commandLine().getErr().flush();
                return 2;
            }
            action.accept(q);
            out.printf(Locale.ROOT, "#%d %s; %d pending%n", id, what, q.pendingCount());
            return 0;
        });
    }
}
