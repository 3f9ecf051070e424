package org.rlhf4j.cli;

import java.io.PrintWriter;
import org.rlhf4j.core.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code rlhf4j} command. Only this class decides exit codes: 0 success, 1 a user error (bad
 * input, missing file, corrupt checkpoint), 2 a usage error (bad flag), 3 training diverged,
 * 70 an internal error. Errors print as one line; {@code --verbose} adds the stack trace.
 */
@Command(name = "rlhf4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Reinforcement Learning from Human Feedback for the JVM.",
        subcommands = {DataCommand.class, PretrainCommand.class, SftCommand.class, RewardCommand.class, EvalCommand.class, ControlCommand.class, GenerateCommand.class, ServeCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        Main root = new Main();
        CommandLine cl = new CommandLine(root);
        // Commands whose options are derived from a config record are built programmatically.
        cl.addSubcommand("demo", DemoCommand.commandLine());
        cl.addSubcommand("ppo", PpoCommand.commandLine());
        cl.addSubcommand("best-of-n", BestOfNCommand.commandLine());
        cl.addSubcommand("compare", CompareCommand.commandLine());
        cl.addSubcommand("iterate", IterateCommand.commandLine());
        cl.addSubcommand("grpo", GrpoCommand.commandLine());
        cl.addSubcommand("rloo", RlooCommand.commandLine());
        cl.addSubcommand("dpo", DpoCommand.commandLine());
        cl.addSubcommand("kto", KtoCommand.commandLine());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((e, a) -> {
            PrintWriter w = e.getCommandLine().getErr();
            var unknown = e.getCommandLine().getUnmatchedArguments();
            // A typo explains a missing required option, so it is reported first.
            w.println("rlhf4j: " + (unknown.isEmpty() ? e.getMessage() : "Unknown option: '" + unknown.get(0) + "'"));
            w.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            return 2;
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> report(e, cmd.getErr(), verbose(parsed)));
        // picocli would take an unknown first word as a stray argument and, with --help, print the top-level help and exit 0.
        if (args.length > 0 && !args[0].startsWith("-") && !cl.getSubcommands().containsKey(args[0])) {
            err.println("rlhf4j: unknown command '" + args[0] + "' (commands: " + String.join(", ", cl.getSubcommands().keySet()) + ")");
            err.println("Try 'rlhf4j --help' for the commands.");
            return 2;
        }
        return cl.execute(args);
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) return true;
        }
        return false;
    }

    static int report(Throwable e, PrintWriter err, boolean verbose) {
        Throwable cause = e;
        while ((cause instanceof java.io.UncheckedIOException || cause.getClass() == RuntimeException.class) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        int code;
        String message;
        if (cause instanceof UserError || cause instanceof IllegalArgumentException
                || cause instanceof java.nio.file.NoSuchFileException) {
            code = 1;
            message = cause instanceof java.nio.file.NoSuchFileException ? cause.getMessage() + ": not found" : cause.getMessage();
        } else if (cause instanceof org.rlhf4j.core.nn.NonFiniteGuard.DivergedException) {
            code = 3;
            message = cause.getMessage();
        } else {
            code = 70;
            message = "internal error: " + cause + (verbose ? "" : " (run with --verbose for the stack trace)");
        }
        err.println("rlhf4j: error: " + message);
        if (verbose) e.printStackTrace(err);
        err.flush();
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"rlhf4j " + (v == null ? "0.1.0-SNAPSHOT" : v) + " (libtorch 2.10 via JavaCPP 1.5.13, Java " + Runtime.version() + ")"};
        }
    }
}
