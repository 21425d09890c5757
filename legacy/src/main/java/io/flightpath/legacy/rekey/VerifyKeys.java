package io.flightpath.legacy.rekey;

import io.flightpath.core.AccountSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.ShardKey;
import io.flightpath.postflight.schema.KeyedTable;
import io.flightpath.store.Throttle;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * VERIFY: reads every row's key beside its account, grouped by account in windows of the primary
 * key, paced like the backfill, and checks each key against {@link ShardKey#of} the account; and
 * checks that the key index and the record schema's history are in place. Only reads, so it is
 * never done ahead of time and may run any number of times.
 */
final class VerifyKeys implements RekeyStep {
    private final LegacyTables tables;
    private final RekeySettings settings;
    private final Consumer<RekeyProgress> progress;
    private final RecordShardSchema recorded;

    VerifyKeys(LegacyTables tables, RekeySettings settings, Consumer<RekeyProgress> progress, RecordShardSchema recorded) {
        this.tables = tables;
        this.settings = settings;
        this.progress = progress;
        this.recorded = recorded;
    }

    /** Per-account figures of one window of ids. */
    private record Window(long rows, long unkeyed, long wrongKey, Set<String> accounts) {
    }

    @Override
    public boolean done() {
        return false;
    }

    /** Throws INTERNAL naming what is wrong unless every table passes and the schema is recorded. */
    @Override
    public void apply() {
        List<KeyCheck> checks = check();
        List<KeyCheck> failed = checks.stream().filter(c -> !c.passed()).toList();
        if (!failed.isEmpty() || !recorded.done()) {
            throw FlightpathException.internal("the legacy database is not a keyed shard: %s%s", failed,
                    recorded.done() ? "" : "; the record schema is not recorded as applied");
        }
    }

    List<KeyCheck> check() {
        Throttle throttle = settings.pacing().get();
        List<KeyCheck> checks = new ArrayList<>();
        for (KeyedTable t : tables.all()) {
            checks.add(check(t, throttle));
        }
        return checks;
    }

    private KeyCheck check(KeyedTable table, Throttle throttle) {
        long[] span = idSpan(table);
        long rows = 0;
        long unkeyed = 0;
        long wrong = 0;
        Set<String> accounts = new HashSet<>();
        for (long from = span[0]; from <= span[1]; from += settings.batchRows()) {
            Window w = window(table, from, from + settings.batchRows());
            rows += w.rows();
            unkeyed += w.unkeyed();
            wrong += w.wrongKey();
            accounts.addAll(w.accounts());
            progress.accept(new RekeyProgress(ShardKeyMigration.Step.VERIFY, table.name(), rows,
                    Math.max(0, span[1] - from - settings.batchRows() + 1)));
            throttle.sleepAfterBatch("verifying shard keys of " + table.name());
        }
        return new KeyCheck(table.name(), rows, accounts.size(), unkeyed, wrong, tables.shape(table).indexed());
    }

    /** The lowest and highest id now, {1, 0} for an empty table. */
    private long[] idSpan(KeyedTable table) {
        return tables.database().read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MIN(id), MAX(id) FROM " + table.name())) {
                rs.next();
                long max = rs.getLong(2);
                return rs.wasNull() ? new long[] {1, 0} : new long[] {rs.getLong(1), max};
            }
        });
    }

    private Window window(KeyedTable table, long from, long to) {
        return tables.database().read(c -> {
            long rows = 0;
            long unkeyed = 0;
            long wrong = 0;
            Set<String> accounts = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT account_sid, " + table.keyColumn() + ", COUNT(*) FROM "
                    + table.name() + " WHERE id >= ? AND id < ? GROUP BY account_sid, " + table.keyColumn())) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String account = rs.getString(1);
                        String key = rs.getString(2);
                        long n = rs.getLong(3);
                        rows += n;
                        accounts.add(account);
                        if (key == null) {
                            unkeyed += n;
                        } else if (Long.parseUnsignedLong(key) != ShardKey.of(AccountSid.parse(account))) {
                            wrong += n;
                        }
                    }
                }
            }
            return new Window(rows, unkeyed, wrong, accounts);
        });
    }

    @Override
    public String describe() {
        return "check every row's shard key against its account's, the key index and the recorded schema";
    }
}
