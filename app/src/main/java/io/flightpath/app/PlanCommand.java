package io.flightpath.app;

import io.flightpath.bench.capacity.CapacityFigures;
import io.flightpath.bench.capacity.CapacityModel;
import io.flightpath.bench.capacity.CapacityPlan;
import io.flightpath.bench.capacity.Workload;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code flightpath plan}: the capacity model for a load and for 10, 100 and 1,000 times it, from
 * figures that {@code flightpath bench} measured on this kind of machine (docs/capacity.md).
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Post-flight shards (by writes, storage and reads, whichever binds), in-flight stores, the time one split takes, "
                + "for a load and 10x, 100x, 1,000x of it, and when the next split is due as it grows.",
                "The figures come from a file that `flightpath bench capacity`, `bench split` and `bench pipeline` measured."})
final class PlanCommand implements Callable<Integer> {
    static final String DEFAULT_FIGURES = "${env:FLIGHTPATH_ROOT:-.}/docs/capacity/figures.json";
    private static final double[] SCALES = {1, 10, 100, 1_000};

    @Option(names = "--calls-per-second", paramLabel = "R", required = true, description = "New calls a second today.")
    double calls;

    @Option(names = "--messages-per-second", paramLabel = "M", required = true, description = "New messages a second today.")
    double messages;

    @Option(names = "--retention", paramLabel = "TIME", defaultValue = "400d", converter = Days.class,
            description = "How long post-flight keeps a record, in days, e.g. 400d (default ${DEFAULT-VALUE}).")
    Duration retention;

    @Option(names = "--growth", paramLabel = "FACTOR", defaultValue = "10x", converter = Growth.class,
            description = "How much the load grows in a year, e.g. 3x; 1x for none (default ${DEFAULT-VALUE}).")
    double growth;

    @Option(names = "--fetches-per-record", paramLabel = "N", defaultValue = "1",
            description = "API fetches of each record over its life (default ${DEFAULT-VALUE}).")
    double fetches;

    @Option(names = "--pages-per-record", paramLabel = "N", defaultValue = "0.2",
            description = "Pages of an account's records read per new record (default ${DEFAULT-VALUE}).")
    double pages;

    @Option(names = "--shards", paramLabel = "N", description = "Shards there are now (default: as many as today's load needs).")
    Integer shards;

    @Option(names = "--figures", paramLabel = "FILE", defaultValue = DEFAULT_FIGURES, description = "The measured figures (default ${DEFAULT-VALUE}).")
    Path figuresFile;

    @Override
    public Integer call() {
        if (shards != null && shards < 1) {
            throw new IllegalArgumentException("--shards must be >= 1, was " + shards);
        }
        CapacityFigures figures = CapacityFigures.read(figuresFile);
        Workload today = new Workload(calls, messages, fetches, pages, retention, growth);
        CapacityModel model = new CapacityModel(figures);
        print(System.out, figures, model, today);
        return 0;
    }

    private void print(PrintStream out, CapacityFigures figures, CapacityModel model, Workload today) {
        out.printf(Locale.ROOT, "flightpath plan: %s calls/s and %s messages/s; per record %s fetches and %s pages; kept %d days; growing %sx a year%n",
                num(calls), num(messages), num(fetches), num(pages), retention.toDays(), num(growth));
        out.printf(Locale.ROOT, "figures: %s (%s, measured %s; plans to %.0f %% of each measured rate)%n%n", figuresFile, figures.machine(),
                figures.measured(), figures.utilisation() * 100);
        out.printf("%-7s %10s %10s %11s %9s %7s %-8s %10s %10s %11s%n", "load", "records/s", "by writes", "by storage", "by reads",
                "shards", "binds", "in-flight", "kept", "one split");
        for (double scale : SCALES) {
            CapacityPlan p = model.plan(today.times(scale));
            out.printf(Locale.ROOT, "%-7s %,10.0f %10.2f %11.2f %9.2f %,7d %-8s %10.2f %10s %11s%n", scale == 1 ? "today" : num(scale) + "x",
                    p.load().recordsPerSecond(), p.byWrites(), p.byStorage(), p.byReads(), p.shards(), p.binds().word(), p.inflightStores(),
                    bytes(p.storedBytes()), duration(p.splitOfOneShard()));
        }
        CapacityPlan now = model.plan(today);
        int there = shards != null ? shards : now.shards();
        Optional<Duration> due = model.nextSplitDue(today, there);
        out.println();
        out.printf("next split with %d shard%s: %s%n", there, there == 1 ? "" : "s", due.map(d -> d.isZero()
                ? "due now: today's load needs %.2f shards (%s binds)".formatted(now.need(), now.binds().word())
                : "due in %d days, at %sx a year (%s binds), so that a split of a full shard (%s) ends before it is full".formatted(
                        d.toDays(), num(growth), now.binds().word(), duration(model.splitTime(figures.shard().storageBytes() / figures.shard().bytesPerRecord()))))
                .orElse("never at this load, which does not grow"));
        out.println("(by writes/storage/reads: shards the load fills by each, at the utilisation above; in-flight: in-flight stores it fills; "
                + "kept: records held for the retention; one split: of a shard of that size, copy, delete and rebuild)");
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%s", v);
    }

    private static String bytes(double b) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
        int u = 0;
        while (b >= 1000 && u < units.length - 1) {
            b /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", b, units[u]);
    }

    private static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 7_200) {
            return String.format(Locale.ROOT, "%.1f min", s / 60.0);
        }
        return s < 172_800 ? String.format(Locale.ROOT, "%.1f h", s / 3600.0) : String.format(Locale.ROOT, "%.1f days", s / 86_400.0);
    }

    /** A number of days, {@code 400d}. */
    static final class Days implements ITypeConverter<Duration> {
        private static final Pattern DAYS = Pattern.compile("(\\d{1,6})d");

        @Override
        public Duration convert(String value) {
            Matcher m = DAYS.matcher(value);
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new IllegalArgumentException("a number of days such as 400d, was '" + value + "'");
            }
            return Duration.ofDays(Long.parseLong(m.group(1)));
        }
    }

    /** A yearly growth factor, {@code 10x} or {@code 2.5x}. */
    static final class Growth implements ITypeConverter<Double> {
        private static final Pattern FACTOR = Pattern.compile("(\\d{1,6}(?:\\.\\d{1,3})?)x?");

        @Override
        public Double convert(String value) {
            Matcher m = FACTOR.matcher(value);
            if (!m.matches() || Double.parseDouble(m.group(1)) < 1) {
                throw new IllegalArgumentException("a growth factor of at least 1 such as 10x, was '" + value + "'");
            }
            return Double.parseDouble(m.group(1));
        }
    }
}
