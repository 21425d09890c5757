package io.flightpath.app;

import io.flightpath.control.api.Attribution;
import io.flightpath.control.api.FlagChange;
import io.flightpath.control.api.FlagNodeStatus;
import io.flightpath.control.api.FlagNodes;
import io.flightpath.control.api.FlagService;
import io.flightpath.control.http.FlagHttpClient;
import io.flightpath.core.FlightpathException;
import io.flightpath.flags.Flag;
import io.flightpath.flags.FlagKind;
import io.flightpath.http.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Account flags through the control service's admin API: read them, change them (audited), wait for every node to evaluate the change. */
@Command(name = "flags", mixinStandardHelpOptions = true,
        description = "Account flags: per-account code paths chosen at run time, acknowledged by every node.",
        subcommands = {FlagsCommand.ListFlags.class, FlagsCommand.Show.class, FlagsCommand.Create.class, FlagsCommand.Set.class,
                FlagsCommand.Unset.class, FlagsCommand.RolloutFlag.class, FlagsCommand.Kill.class, FlagsCommand.Unkill.class,
                FlagsCommand.History.class, FlagsCommand.Wait.class})
final class FlagsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "flags needs a subcommand: " + String.join(", ", spec.subcommands().keySet()));
    }

    /** What every flags command shares: where the control service is, and --json. */
    abstract static class Remote implements Callable<Integer> {
        @Mixin
        ClusterOptions options;

        @Mixin
        ControlOptions remote;

        @Option(names = "--json", description = "Print JSON for machines.")
        boolean json;

        @Spec
        CommandSpec spec;

        FlagService flags() {
            return new FlagHttpClient(remote.client(options.home.toAbsolutePath().normalize(), Duration.ofSeconds(10)));
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        void printJson(Object value) {
            try {
                out().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw FlightpathException.internal("cannot print JSON: %s", e.getMessage());
            }
        }

        void print(Flag f) {
            out().printf("%s  %s  default %s%s%n", f.name(), f.kind() == FlagKind.BOOLEAN ? "on/off" : "variants " + String.join(",", f.variants()),
                    f.defaultValue(), f.killed() ? "  KILLED (every account gets the default)" : "");
            out().println("  " + f.description());
            if (f.rollout() != null) {
                out().printf("  rollout %s%% -> %s%n", percent(f.rollout().percent()), f.rollout().value());
            }
            f.accounts().forEach((sid, value) -> out().printf("  %s = %s%n", sid, value));
        }

        static String percent(double p) {
            return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
        }
    }

    /** A change to the flag NAME: who makes it and why, both kept in the audit row. */
    abstract static class Change extends Remote {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept in the audit).")
        String reason;

        @Option(names = "--by", paramLabel = "NAME", defaultValue = "${env:USER}", description = "Who (kept in the audit); default: $USER.")
        String by;

        abstract Flag change(FlagService flags, Attribution attribution);

        @Override
        public Integer call() {
            if (by == null || by.isBlank()) {
                throw FlightpathException.invalid("--by must name who makes the change (USER is not set)");
            }
            FlagService flags = flags();
            Flag after = change(flags, new Attribution(by, reason));
            long version = flags.version();
            if (json) {
                printJson(Map.of("flag", after, "version", version));
            } else {
                print(after);
                out().println("flags version " + version + " (`flightpath flags wait " + after.name() + "` waits until every live node evaluates it)");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every flag with its rule.")
    static final class ListFlags extends Remote {
        @Override
        public Integer call() {
            FlagService flags = flags();
            List<Flag> all = flags.list();
            if (json) {
                printJson(Map.of("version", flags.version(), "flags", all));
                return 0;
            }
            out().println("flags version " + flags.version() + ", " + all.size() + " flags");
            all.forEach(this::print);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One flag with its rule.")
    static final class Show extends Remote {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            Flag flag = flags().find(name).orElseThrow(() -> FlightpathException.notFound("there is no flag %s", name));
            if (json) {
                printJson(flag);
            } else {
                print(flag);
            }
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "A new flag: on/off (--default true or false), or one of --variants a,b,... (--default one of them).")
    static final class Create extends Change {
        @Option(names = "--description", required = true, paramLabel = "TEXT", description = "What the flag chooses.")
        String description;

        @Option(names = "--variants", split = ",", paramLabel = "A,B", description = "Named variants (2 to 16); none: an on/off flag.")
        List<String> variants;

        @Option(names = "--default", required = true, paramLabel = "VALUE", description = "The value of accounts no rule picks.")
        String defaultValue;

        @Override
        Flag change(FlagService flags, Attribution attribution) {
            return flags.create(name, description, variants == null ? List.of() : variants, defaultValue, attribution);
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "An explicit value for one account (beats the rollout).")
    static final class Set extends Change {
        @Option(names = "--account", required = true, paramLabel = "AC...")
        String account;

        @Option(names = "--value", required = true, paramLabel = "VALUE")
        String value;

        @Override
        Flag change(FlagService flags, Attribution attribution) {
            return flags.set(name, account, value, attribution);
        }
    }

    @Command(name = "unset", mixinStandardHelpOptions = true, description = "Remove an account's explicit value.")
    static final class Unset extends Change {
        @Option(names = "--account", required = true, paramLabel = "AC...")
        String account;

        @Override
        Flag change(FlagService flags, Attribution attribution) {
            return flags.unset(name, account, attribution);
        }
    }

    @Command(name = "rollout", mixinStandardHelpOptions = true,
            description = "Give --value to P % of accounts (by their bucket; raising P keeps every account already in).")
    static final class RolloutFlag extends Change {
        @Option(names = "--percent", required = true, paramLabel = "P", description = "0 to 100, at most two decimals.")
        double percent;

        @Option(names = "--value", paramLabel = "VALUE",
                description = "Default: the rollout's current value, or for an on/off flag the value that is not the default.")
        String value;

        @Override
        Flag change(FlagService flags, Attribution attribution) {
            return flags.rollout(name, percent, value, attribution);
        }
    }

    @Command(name = "kill", mixinStandardHelpOptions = true, description = "Force the default for every account, whatever the rules say.")
    static final class Kill extends Change {
        @Override
        Flag change(FlagService flags, Attribution attribution) {
            return flags.kill(name, attribution);
        }
    }

    @Command(name = "unkill", mixinStandardHelpOptions = true, description = "Let the rules decide again.")
    static final class Unkill extends Change {
        @Override
        Flag change(FlagService flags, Attribution attribution) {
            return flags.unkill(name, attribution);
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "The audit, newest first: of one flag, or of all.")
    static final class History extends Remote {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
        String name;

        @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "Rows at most (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            List<FlagChange> changes = flags().history(name, limit);
            if (json) {
                printJson(changes);
                return 0;
            }
            for (FlagChange c : changes) {
                out().printf("v%-5d %s  %-8s %-24s by %s: %s%n", c.version(), c.at(), c.action(), c.flag(), c.by(), c.reason());
            }
            return 0;
        }
    }

    @Command(name = "wait", mixinStandardHelpOptions = true,
            description = {"Wait until every live node acknowledged the current flags version (exit 1 at the timeout).",
                    "Nodes whose lease ran out are silent: not waited for, and listed, since they may evaluate an old snapshot."})
    static final class Wait extends Remote {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION", description = "Default ${DEFAULT-VALUE}.")
        String timeout;

        @Override
        public Integer call() throws InterruptedException {
            FlagService flags = flags();
            Duration limit = Setting.parseDuration("--timeout", timeout);
            flags.find(name).orElseThrow(() -> FlightpathException.invalid("name: there is no flag %s", name));
            long deadline = System.nanoTime() + limit.toNanos();
            FlagNodes seen = flags.nodes();
            // the version is the one current when the wait began: later changes get waits of their own
            long version = seen.version();
            while (!behind(seen, version).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw FlightpathException.unavailable("after %s, %d live nodes have not acknowledged flags version %d: %s", limit,
                            behind(seen, version).size(), version, String.join(", ", behind(seen, version).stream().map(FlagNodeStatus::nodeId).toList()));
                }
                Thread.sleep(50); // a poll of the control store, not a synchronisation: the nodes acknowledge on their own
                seen = flags.nodes();
            }
            List<String> silent = seen.silent().stream().map(FlagNodeStatus::nodeId).toList();
            long live = seen.nodes().stream().filter(FlagNodeStatus::live).count();
            if (json) {
                printJson(Map.of("version", version, "live", live, "silent", silent));
            } else {
                out().printf("every live node (%d) evaluates flags version %d or later%s%n", live, version,
                        silent.isEmpty() ? "" : "; silent (lease expired, not counted): " + String.join(", ", silent));
            }
            return 0;
        }

        private static List<FlagNodeStatus> behind(FlagNodes seen, long version) {
            return seen.nodes().stream().filter(n -> n.live() && n.version() < version).toList();
        }
    }
}
