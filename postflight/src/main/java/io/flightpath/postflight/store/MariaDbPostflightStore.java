package io.flightpath.postflight.store;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.Page;
import io.flightpath.core.ShardKey;
import io.flightpath.core.PageRequest;
import io.flightpath.store.Conditions;
import io.flightpath.store.DailyUsage;
import io.flightpath.store.Micros;
import io.flightpath.store.RecordTable;
import io.flightpath.store.SqlWork;
import io.flightpath.postflight.api.PostflightService;
import io.flightpath.postflight.api.ShardInventory;
import io.flightpath.postflight.api.ShardStats;
import io.flightpath.core.UsageDay;
import io.flightpath.postflight.routing.Shard;
import io.flightpath.postflight.schema.ShardFence;
import io.flightpath.postflight.routing.ShardRouter;
import io.flightpath.postflight.routing.WriteSession;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The post-flight store on MariaDB shards: reads go to the router's read shard of the account,
 * writes to its write shard, each write checked by the shard's own {@link ShardFence} in its
 * transaction. Times are stored to the microsecond; the store cuts finer ones itself,
 * so a record read back equals the one written once its times are truncated to microseconds.
 * Prices are kept with five decimals. Thread-safe.
 */
public final class MariaDbPostflightStore implements PostflightService, ShardInventory {
    private final ShardRouter router;

    public MariaDbPostflightStore(ShardRouter router) {
        this.router = router;
    }

    /**
     * {@inheritDoc} A batch that spans shards is committed shard by shard: when one fails, the
     * others may hold their part, and retrying the whole batch completes it.
     */
    @Override
    public void insertCalls(List<Call> calls) {
        insert(RecordTable.CALLS, calls);
    }

    /** {@inheritDoc} Committed shard by shard, as {@link #insertCalls}. */
    @Override
    public void insertMessages(List<Message> messages) {
        insert(RecordTable.MESSAGES, messages);
    }

    @Override
    public Optional<Call> call(AccountSid account, CallSid sid) {
        return read(account, c -> RecordTable.CALLS.find(c, account, sid.value()));
    }

    @Override
    public Optional<Message> message(AccountSid account, MessageSid sid) {
        return read(account, c -> RecordTable.MESSAGES.find(c, account, sid.value()));
    }

    @Override
    public Page<Call> calls(CallQuery query, PageRequest page) {
        Conditions where = Conditions.of(query).below(page.after());
        return read(query.account(), c -> RecordTable.CALLS.page(c, where, page));
    }

    @Override
    public Page<Message> messages(MessageQuery query, PageRequest page) {
        Conditions where = Conditions.of(query).below(page.after());
        return read(query.account(), c -> RecordTable.MESSAGES.page(c, where, page));
    }

    @Override
    public Call priceCall(AccountSid account, CallSid sid, BigDecimal price, String priceUnit, Instant at) {
        requirePrice(price, priceUnit, at);
        return write(account, c -> RecordTable.CALLS.update(c, account, sid.value(),
                "price = ?, price_unit = ?, date_updated = ?", price, priceUnit, Micros.stored(at)));
    }

    @Override
    public Message priceMessage(AccountSid account, MessageSid sid, BigDecimal price, String priceUnit, Instant at) {
        requirePrice(price, priceUnit, at);
        return write(account, c -> RecordTable.MESSAGES.update(c, account, sid.value(),
                "price = ?, price_unit = ?, date_updated = ?", price, priceUnit, Micros.stored(at)));
    }

    @Override
    public Message redactMessage(AccountSid account, MessageSid sid, Instant at) {
        required(at, "redaction time");
        return write(account, c -> RecordTable.MESSAGES.update(c, account, sid.value(),
                "body = '', date_updated = ?", Micros.stored(at)));
    }

    @Override
    public boolean deleteCall(AccountSid account, CallSid sid) {
        return write(account, c -> RecordTable.CALLS.delete(c, account, sid.value()));
    }

    @Override
    public boolean deleteMessage(AccountSid account, MessageSid sid) {
        return write(account, c -> RecordTable.MESSAGES.delete(c, account, sid.value()));
    }

    @Override
    public List<UsageDay> usage(AccountSid account, Instant from, Instant to) {
        required(from, "usage start");
        required(to, "usage end");
        if (!from.isBefore(to)) {
            throw FlightpathException.invalid("usage range is empty: %s is not before %s", from, to);
        }
        return read(account, c -> DailyUsage.of(c, account, from, to));
    }

    // Every record is checked before any shard is written: one bad record means nothing is stored.
    private <T> void insert(RecordTable<T> table, List<T> records) {
        List<T> stored = records.stream().map(table::checkedForStorage).toList();
        try (WriteSession session = router.openWrite(stored.stream().map(table::account).distinct().toList())) {
            Map<Shard, List<T>> byShard = new LinkedHashMap<>();
            for (T record : stored) {
                byShard.computeIfAbsent(session.shardOf(table.account(record)), s -> new ArrayList<>()).add(record);
            }
            byShard.forEach((shard, rows) -> shard.database().transaction(c -> {
                ShardFence.checkWrite(c, shard.name(), rows.stream().map(r -> ShardKey.of(table.account(r))).distinct().toList());
                table.insert(c, rows);
                return null;
            }));
        }
    }

    private <R> R read(AccountSid account, SqlWork<R> work) {
        return router.read(account, work);
    }

    private <R> R write(AccountSid account, SqlWork<R> work) {
        try (WriteSession session = router.openWrite(List.of(account))) {
            Shard shard = session.shardOf(account);
            return shard.database().transaction(c -> {
                ShardFence.checkWrite(c, shard.name(), List.of(ShardKey.of(account)));
                return work.run(c);
            });
        }
    }

    private static void requirePrice(BigDecimal price, String priceUnit, Instant at) {
        required(price, "price");
        required(priceUnit, "price unit");
        required(at, "pricing time");
    }

    private static void required(Object value, String what) {
        if (value == null) {
            throw FlightpathException.invalid("%s is required", what);
        }
    }

    /**
     * {@inheritDoc} Accounts by a walk of each table's account index that visits one entry per
     * account (a loose index scan), so the cost follows the accounts, not the rows.
     */
    @Override
    public List<ShardStats> shardStats() {
        List<ShardStats> all = new ArrayList<>();
        for (Shard shard : router.shards()) {
            all.add(shard.database().read(c -> {
                List<ShardStats.TableStats> tables = new ArrayList<>();
                try (java.sql.Statement s = c.createStatement()) {
                    try (java.sql.ResultSet rs = s.executeQuery("SELECT TABLE_NAME, TABLE_ROWS, DATA_LENGTH, INDEX_LENGTH FROM information_schema.TABLES "
                            + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME NOT LIKE 'flyway%' ORDER BY TABLE_NAME")) {
                        while (rs.next()) {
                            tables.add(new ShardStats.TableStats(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                        }
                    }
                    try (java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM (SELECT account_sid FROM calls GROUP BY account_sid "
                            + "UNION SELECT account_sid FROM messages GROUP BY account_sid) a")) {
                        rs.next();
                        return new ShardStats(shard.name(), rs.getLong(1), tables);
                    }
                }
            }));
        }
        all.sort(java.util.Comparator.comparing(ShardStats::shard));
        return all;
    }
}
