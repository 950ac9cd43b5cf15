package io.inferdeck.app.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Every subcommand's errors, printed one way: one line {@code inferdeck <cmd>: <what> — <what to do>} on the
 * command's error stream, exit 2 for bad input and 1 for a failure at run time ({@link ErrorClassifier} decides).
 * Bad arguments name the one offending argument and the {@code --help} hint instead of the whole usage. The
 * stack trace follows only when {@code --debug} is among the arguments. Stateless; installed once by
 * {@link InferDeckCli#configure}.
 */
final class CliErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final String DEBUG = "--debug";

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        CliError e = ErrorClassifier.classify(ex);
        return print(cmd, e.getMessage(), e.remedy(), e.exitCode(), ex, parsed.originalArgs());
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String what = lowerFirst(ErrorClassifier.oneLine(ex.getMessage()));
        String remedy = null;
        // An unknown option is the root of the trouble even when picocli first noticed a missing parameter.
        List<String> unmatched = ex instanceof UnmatchedArgumentException u ? u.getUnmatched() : cmd.getUnmatchedArguments();
        if (!unmatched.isEmpty()) {
            String arg = unmatched.getFirst();
            what = (arg.startsWith("-") ? "unknown option '" : "unexpected argument '") + arg + "'";
            List<String> maybe = ex instanceof UnmatchedArgumentException u ? u.getSuggestions() : List.of();
            remedy = maybe.isEmpty() ? null : "did you mean " + String.join(" or ", maybe.subList(0, Math.min(3, maybe.size())))
                    + "? see '" + name(cmd) + " --help'";
        }
        return print(cmd, what, remedy, CliError.BAD_INPUT, ex, Arrays.asList(args));
    }

    private static int print(CommandLine cmd, String what, String remedy, int code, Throwable t, List<String> args) {
        PrintWriter err = cmd.getErr();
        String name = name(cmd);
        err.println(name + ": " + what + " — " + (remedy != null ? remedy : "see '" + name + " --help'"));
        if (args.contains(DEBUG)) {
            t.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** "inferdeck safety run", also when a test roots the command line at a subcommand. */
    static String name(CommandLine cmd) {
        String q = cmd.getCommandSpec().qualifiedName(" ");
        return q.startsWith("inferdeck") ? q : "inferdeck " + q;
    }

    /** picocli writes "Unknown option", "Missing required option": our lines continue after a colon. */
    private static String lowerFirst(String s) {
        boolean acronym = s.length() > 1 && Character.isUpperCase(s.charAt(1));
        return s.isEmpty() || acronym ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Where a command's one-line warnings go (a damaged keys.db moved aside): stderr, after the command's name. */
    static Consumer<String> warnings(CommandSpec spec) {
        return w -> {
            spec.commandLine().getErr().println(name(spec.commandLine()) + ": " + w);
            spec.commandLine().getErr().flush();
        };
    }
}
