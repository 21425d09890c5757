package io.flightpath.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flightpath.bench.capacity.CapacityFigures;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.Direction;
import io.flightpath.core.Message;
import io.flightpath.core.MessageSid;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.PageRequest;
import io.flightpath.postflight.routing.RouterConfig;
import io.flightpath.postflight.store.MariaDbPostflightStore;
import io.flightpath.store.Database;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code flightpath bench capacity}: the per-shard figures of the capacity model, measured on one
 * shard of this machine: records a second in the handoff's batched inserts (calls and messages
 * alike), point reads and pages a second, and the bytes a record takes with its indexes once the
 * tables hold them. The split's and the in-flight store's figures come from {@code bench split}
 * and {@code bench pipeline}; this bench copies them from the base file into the file it writes.
 */
public final class CapacityBench {
    /** Records per insert, as the relay hands them off. */
    static final int BATCH = 20;
    static final int PAGE_SIZE = 50;

    /**
     * @param records  calls and messages inserted (half each) while the insert rate is measured;
     *                 the bytes per record are read once they are all in
     * @param accounts accounts they belong to
     * @param clients  closed-loop clients
     * @param each     time each read workload is measured
     */
    public record Options(int records, int accounts, int clients, Duration each) {
        public Options {
            if (records < 2 * BATCH || accounts < 1 || clients < 1 || each.isNegative() || each.isZero()) {
                throw new IllegalArgumentException("records must be >= " + 2 * BATCH + ", accounts and clients >= 1 and the time > 0; were "
                        + records + ", " + accounts + ", " + clients + ", " + each);
            }
        }

        public static Options defaults() {
            return new Options(400_000, 1_000, 16, Duration.ofSeconds(10));
        }
    }

    public CapacityFigures run(PrintStream out, Options options, CapacityFigures base) {
        out.printf("flightpath bench capacity: one shard, %,d records (calls and messages) of %,d accounts in batches of %d, %d closed-loop clients%n",
                options.records(), options.accounts(), BATCH, options.clients());
        try (RoutedCluster bed = RoutedCluster.start(1, options.clients(), RouterConfig.defaults("bench-capacity"))) {
            Machine machine = Machine.describe(bed.control);
            out.println(machine.line());
            MariaDbPostflightStore store = bed.store;
            AccountSid[] accounts = new AccountSid[options.accounts()];
            for (int i = 0; i < accounts.length; i++) {
                accounts[i] = AccountSid.random();
            }
            List<Call> kept = Collections.synchronizedList(new ArrayList<>());
            AtomicLong left = new AtomicLong(options.records() / BATCH);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long start = System.nanoTime();
            // every client inserts batches until none is left, calls and messages in turn
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < options.clients(); t++) {
                clients.add(Thread.ofVirtual().name("bench-insert-" + t).start(() -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    for (long n = left.getAndDecrement(); n > 0 && failure.get() == null; n = left.getAndDecrement()) {
                        try {
                            if (n % 2 == 0) {
                                List<Call> calls = new ArrayList<>(BATCH);
                                for (int i = 0; i < BATCH; i++) {
                                    calls.add(BenchCalls.finished(accounts[r.nextInt(accounts.length)], r));
                                }
                                store.insertCalls(calls);
                                kept.add(calls.getFirst());
                            } else {
                                List<Message> messages = new ArrayList<>(BATCH);
                                for (int i = 0; i < BATCH; i++) {
                                    messages.add(message(accounts[r.nextInt(accounts.length)], r));
                                }
                                store.insertMessages(messages);
                            }
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                }));
            }
            for (Thread t : clients) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while inserting", e);
                }
            }
            if (failure.get() != null) {
                throw new IllegalStateException("an insert failed, so the rate means nothing: " + failure.get().getMessage(), failure.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double inserts = (options.records() / BATCH) * (double) BATCH / seconds;
            out.printf("inserts      %,10.0f records/s (%,d in %.1f s)%n", inserts, options.records(), seconds);

            double bytes = bytesPerRecord(bed.pools.shard("shard0").database());
            out.printf("on disk      %,10.0f bytes a record, indexes included%n", bytes);

            Call[] known = kept.toArray(Call[]::new);
            ClosedLoop loop = new ClosedLoop(options.clients());
            ClosedLoop.Result reads = loop.run(options.each(), r -> {
                Call c = known[r.nextInt(known.length)];
                if (store.call(c.accountSid(), c.sid()).isEmpty()) {
                    throw new IllegalStateException("an inserted call was not found");
                }
            });
            out.printf("point reads  %,10.0f a second (%d failed)%n", reads.perSecond(), reads.failed());
            ClosedLoop.Result pages = loop.run(options.each(),
                    r -> store.calls(CallQuery.all(accounts[r.nextInt(accounts.length)]), PageRequest.first(PAGE_SIZE)));
            out.printf("pages of %d  %,10.0f a second (%d failed)%n", PAGE_SIZE, pages.perSecond(), pages.failed());

            Map<String, String> sources = new LinkedHashMap<>(base.sources());
            String by = "bench capacity, one shard, %,d records, %d clients, %s".formatted(options.records(), options.clients(), LocalDate.now());
            for (String figure : List.of("shard.insertsPerSecond", "shard.pointReadsPerSecond", "shard.pagesPerSecond", "shard.bytesPerRecord")) {
                sources.put(figure, by);
            }
            return new CapacityFigures("%d cores, %s, MariaDB %s".formatted(machine.cores(), machine.memory(), machine.mariaDb()),
                    LocalDate.now().toString(), base.utilisation(),
                    new CapacityFigures.Shard(round(inserts), round(reads.perSecond()), round(pages.perSecond()), round(bytes),
                            base.shard().storageBytes()),
                    base.split(), base.inflight(), sources);
        }
    }

    /** Writes {@code figures} as the model reads them. */
    public static void write(CapacityFigures figures, Path file) {
        try {
            Files.writeString(file, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(figures) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static double round(double v) {
        return Math.rint(v);
    }

    /** Data and index bytes of both record tables over the rows they hold, once the server's statistics are fresh. */
    private static double bytesPerRecord(Database shard) {
        return shard.read(c -> {
            long rows = 0;
            long bytes = 0;
            try (Statement s = c.createStatement()) {
                for (String table : List.of("calls", "messages")) {
                    s.execute("ANALYZE TABLE " + table);
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                        rs.next();
                        rows += rs.getLong(1);
                    }
                    try (ResultSet rs = s.executeQuery("SELECT DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES "
                            + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table + "'")) {
                        rs.next();
                        bytes += rs.getLong(1);
                    }
                }
            }
            return (double) bytes / rows;
        });
    }

    /** A delivered outbound message with a body of an ordinary text's length (100 characters). */
    private static Message message(AccountSid account, ThreadLocalRandom random) {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
        MessageSid sid = MessageSid.parse("SM" + HexFormat.of().toHexDigits(random.nextLong())
                + HexFormat.of().toHexDigits(random.nextLong()));
        return new Message(sid, account, "+14155550100", "+14155550199", "x".repeat(100), 1, 0, MessageStatus.DELIVERED,
                Direction.OUTBOUND_API, null, null, null, new BigDecimal("-0.00790"), "USD", t.minusSeconds(5), t, t.minusSeconds(4));
    }
}
