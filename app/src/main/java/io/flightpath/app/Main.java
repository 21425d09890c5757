package io.flightpath.app;

import io.flightpath.cluster.ClusterException;
import io.flightpath.core.FlightpathException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The flightpath command: every operation a user or an operator runs goes through here. */
@Command(name = "flightpath", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A call and message data pipeline: in-flight and sharded post-flight stores behind services.",
        subcommands = {UpCommand.class, ClusterCommand.class, ServeCommand.class, AccountsCommand.class, LoadCommand.class, ShardsCommand.class, FlagsCommand.class, SplitCommand.class, IsolateCommand.class, ShadowCommand.class, RolloutCommand.class, DemoCommand.class, ChaosCommand.class, BenchCommand.class, PlanCommand.class, ManyHostsCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: bad input is one line on stderr and a non-zero exit. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("flightpath: " + firstLine(e.getMessage()) + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter err = command.getErr();
            if (e instanceof ClusterException || e instanceof FlightpathException || e instanceof IllegalArgumentException) {
                err.println("flightpath: " + firstLine(e.getMessage()));
            } else {
                err.println("flightpath: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
                if (System.getenv("FLIGHTPATH_DEBUG") != null) {
                    e.printStackTrace(err);
                }
            }
            return 1;
        });
        return cli;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"flightpath " + (v == null ? "development build" : v)};
        }
    }
}
