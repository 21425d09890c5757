package io.flightpath.legacy.rekey;

import io.flightpath.core.AccountSid;
import io.flightpath.core.ShardKey;
import io.flightpath.postflight.schema.KeyedTable;
import io.flightpath.store.Throttle;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * BACKFILL: every row without a key gets {@link ShardKey#of} its account, which SQL cannot
 * compute. Small batches in primary key order, found through the key index (so that a rerun
 * starts where the last run stopped), each its own short transaction, with a pause after each.
 * Needs every writer to write keys already: rows it did not see would stay without one.
 */
final class BackfillKeys implements RekeyStep {
    private final LegacyTables tables;
    private final RekeySettings settings;
    private final Consumer<RekeyProgress> progress;

    BackfillKeys(LegacyTables tables, RekeySettings settings, Consumer<RekeyProgress> progress) {
        this.tables = tables;
        this.settings = settings;
        this.progress = progress;
    }

    /** What one batch did: the rows it locked, how many of them it keyed, and the last id among them. */
    private record Batch(int seen, int keyed, long lastId) {
    }

    @Override
    public boolean done() {
        return tables.all().stream().noneMatch(tables::hasUnkeyedRows);
    }

    @Override
    public void apply() {
        Throttle throttle = settings.pacing().get();
        for (KeyedTable t : tables.all()) {
            backfill(t, throttle);
        }
    }

    private void backfill(KeyedTable table, Throttle throttle) {
        long counted = countUnkeyed(table);
        long done = 0;
        long after = 0;
        progress.accept(new RekeyProgress(ShardKeyMigration.Step.BACKFILL, table.name(), 0, counted));
        while (true) {
            long from = after;
            Batch batch = tables.database().transaction(c -> keyBatch(c, table, from));
            if (batch.seen() == 0) {
                // the end of a pass: rows skipped while a writer held them, or committed behind the
                // cursor, are found by another pass from the start
                if (!tables.hasUnkeyedRows(table)) {
                    return;
                }
                after = 0;
            } else {
                done += batch.keyed();
                after = batch.lastId();
                progress.accept(new RekeyProgress(ShardKeyMigration.Step.BACKFILL, table.name(), done, Math.max(0, counted - done)));
            }
            throttle.sleepAfterBatch("backfilling shard keys of " + table.name());
        }
    }

    private long countUnkeyed(KeyedTable table) {
        return tables.database().read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table.name()
                    + " FORCE INDEX (" + TableShape.indexName(table) + ") WHERE " + table.keyColumn() + " IS NULL")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Locks and keys the next rows without a key after id {@code after}. SKIP LOCKED means the
     * batch never waits for a writer, so it can never be part of a deadlock whose victim might be
     * the writer; READ COMMITTED means it locks only those rows, never a gap an insert needs.
     */
    private Batch keyBatch(Connection c, KeyedTable table, long after) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
        }
        List<Long> ids = new ArrayList<>(settings.batchRows());
        Map<String, Long> keys = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, account_sid FROM " + table.name()
                + " FORCE INDEX (" + TableShape.indexName(table) + ") WHERE " + table.keyColumn() + " IS NULL AND id > ? "
                + "ORDER BY id LIMIT " + settings.batchRows() + " FOR UPDATE SKIP LOCKED")) {
            ps.setLong(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    keys.computeIfAbsent(rs.getString(2), sid -> ShardKey.of(AccountSid.parse(sid)));
                }
            }
        }
        if (ids.isEmpty()) {
            return new Batch(0, 0, after);
        }
        // rows of one account share one key: one branch per account, not per row
        String sql = "UPDATE " + table.name() + " SET " + table.keyColumn() + " = CASE account_sid"
                + " WHEN ? THEN ?".repeat(keys.size()) + " END WHERE id IN (" + "?,".repeat(ids.size() - 1) + "?) AND "
                + table.keyColumn() + " IS NULL";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Map.Entry<String, Long> k : keys.entrySet()) {
                ps.setString(i++, k.getKey());
                ps.setBigDecimal(i++, new BigDecimal(Long.toUnsignedString(k.getValue())));
            }
            for (long id : ids) {
                ps.setLong(i++, id);
            }
            return new Batch(ids.size(), ps.executeUpdate(), ids.getLast());
        }
    }

    @Override
    public String describe() {
        return "key every row without a shard key, " + settings.batchRows() + " rows a transaction, paced";
    }
}
