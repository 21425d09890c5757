package io.flightpath.split.replication;

import io.flightpath.store.Throttle;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Copies a shard database (schema, Flyway history and rows) from a source server to a target
 * server out of ONE consistent snapshot, and returns the source GTID position of that snapshot:
 * replicating from exactly that position afterwards loses and doubles nothing.
 *
 * <p>One reader walks each table in primary-key order, in pages, inside the snapshot; writer
 * connections insert the pages on the target with multi-row INSERTs into tables created without
 * their secondary indexes, which are added once the rows are in. Nothing of the copy enters
 * the target's binlog ({@code sql_log_bin=0}): the rows are the source's history, not new
 * transactions of the target, and thousands of target GTIDs would only bloat its binlog. The
 * consequence: a replica of the target must itself be cloned from a snapshot of the target
 * (as this class does), never started from the target's first binlog position.
 *
 * <p>Not resumable: every call drops the target database and copies it again, so a rerun after a
 * crash starts over. It refuses a target that has a replication link, and must never be run on a
 * target that has taken writes of its own. DDL on the source during the copy is not supported.
 */
public final class SnapshotCopy {
    public static final int DEFAULT_BATCH_ROWS = 5_000;
    public static final int DEFAULT_WRITERS = 2;
    /** A page is split into INSERTs of at most this many bytes, well under max_allowed_packet. */
    private static final long MAX_INSERT_BYTES = 4L << 20;
    private static final Batch END = new Batch(null, List.of());
    private static final Pattern SECONDARY_INDEX = Pattern.compile("\\s+(UNIQUE |FULLTEXT |SPATIAL )?KEY `.*");

    private final ShardServer source;
    private final ShardServer target;
    private final int batchRows;
    private final int writers;
    private final Throttle pace;
    private final boolean deferIndexes;

    /**
     * @param batchRows    rows per page read and per INSERT, 1..50,000
     * @param writers      target connections inserting in parallel, 1..16
     * @param pace         the pause after each page the reader hands on; a pause holds the writers too,
     *                     once they have drained the pages queued before it
     * @param deferIndexes build secondary indexes after the rows are in (fastest, but one long burst
     *                     of work at the end that no pace spreads out) rather than row by row
     */
    public SnapshotCopy(ShardServer source, ShardServer target, int batchRows, int writers, Throttle pace, boolean deferIndexes) {
        if (batchRows < 1 || batchRows > 50_000) {
            throw FlightpathException.invalid("batch rows must be 1..50000, was %d", batchRows);
        }
        if (writers < 1 || writers > 16) {
            throw FlightpathException.invalid("writers must be 1..16, was %d", writers);
        }
        if (!source.database().equals(target.database())) {
            // replication applies the source's events to the database of the same name
            throw FlightpathException.invalid("source and target database must have the same name, was %s and %s",
                    source.database(), target.database());
        }
        if (source.sameServerAs(target)) {
            throw FlightpathException.invalid("source and target must be different servers, both are %s", source.config().address());
        }
        this.source = source;
        this.target = target;
        this.batchRows = batchRows;
        this.writers = writers;
        this.pace = pace;
        this.deferIndexes = deferIndexes;
    }

    public SnapshotCopy(ShardServer source, ShardServer target, int batchRows, int writers) {
        this(source, target, batchRows, writers, Throttle.NONE, true);
    }

    public SnapshotCopy(ShardServer source, ShardServer target) {
        this(source, target, DEFAULT_BATCH_ROWS, DEFAULT_WRITERS);
    }

    /**
     * Replaces the target database with a copy of the source database as of one snapshot.
     * {@code progress} is called on the calling thread after each page. Throws FAILED_PRECONDITION
     * when the target has a replication link, and names the server and table on any failure.
     */
    public CopyResult copy(Consumer<CopyProgress> progress) {
        requireNoReplicationLink();
        long started = System.nanoTime();
        try (Snapshot snapshot = Snapshot.open(source)) {
            List<Table> tables;
            try {
                tables = describe(snapshot.connection());
            } catch (SQLException e) {
                throw source.failure("reading the schema of " + source.database(), e);
            }
            recreate(tables);
            long rows = copyRows(snapshot.connection(), tables, progress, started);
            addIndexes(tables);
            return new CopyResult(snapshot.position(), rows, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private void requireNoReplicationLink() {
        List<String> links = target.onServer("checking replication links", c -> {
            List<String> found = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW ALL SLAVES STATUS")) {
                while (rs.next()) {
                    found.add("'" + rs.getString("Connection_name") + "' from " + rs.getString("Master_Host") + ":" + rs.getString("Master_Port"));
                }
            }
            return found;
        });
        if (!links.isEmpty()) {
            throw FlightpathException.failedPrecondition("%s replicates (%s); cut replication before copying onto it",
                    target, String.join(", ", links));
        }
    }

    /** A table to copy: how to create it, its one-column primary key (or null) and its estimated rows. */
    private record Table(String name, String create, String key, long estimatedRows) {
        /**
         * The CREATE TABLE without its secondary indexes, and the ALTER TABLE that adds them once
         * the rows are in: InnoDB builds an index from sorted rows far faster than it maintains
         * it row by row. A table with foreign keys keeps its indexes (they need them).
         */
        Deferred deferIndexes() {
            if (create.contains("FOREIGN KEY")) {
                return new Deferred(create, "");
            }
            List<String> kept = new ArrayList<>();
            List<String> indexes = new ArrayList<>();
            for (String line : create.split("\n")) {
                if (SECONDARY_INDEX.matcher(line).matches()) {
                    indexes.add("ADD " + line.trim().replaceAll(",$", ""));
                } else {
                    kept.add(line);
                }
            }
            // the definition line before the closing one must not end with a comma any more
            int close = kept.size() - 1;
            kept.set(close - 1, kept.get(close - 1).replaceAll(",$", ""));
            return new Deferred(String.join("\n", kept),
                    indexes.isEmpty() ? "" : "ALTER TABLE " + Sql.identifier(name) + " " + String.join(", ", indexes));
        }
    }

    private record Deferred(String create, String addIndexes) {
    }

    private List<Table> describe(Connection snapshot) throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (PreparedStatement ps = snapshot.prepareStatement("SELECT TABLE_NAME, COALESCE(TABLE_ROWS, 0) FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
            ps.setString(1, source.database());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(new Table(rs.getString(1), null, null, rs.getLong(2)));
                }
            }
        }
        List<Table> described = new ArrayList<>();
        for (Table t : tables) {
            described.add(new Table(t.name(), createStatement(snapshot, t.name()), primaryKey(snapshot, t.name()), t.estimatedRows()));
        }
        return described;
    }

    private static String createStatement(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + Sql.identifier(table))) {
            rs.next();
            return rs.getString(2);
        }
    }

    private String primaryKey(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, source.database());
            ps.setString(2, table);
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
            // a composite or missing key is read in one pass; only small tables (none today) lack one
            return columns.size() == 1 ? columns.get(0) : null;
        }
    }

    private void recreate(List<Table> tables) {
        String createDatabase = source.onServer("reading the database definition", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE DATABASE " + Sql.identifier(source.database()))) {
                rs.next();
                return rs.getString(2);
            }
        });
        List<String> statements = new ArrayList<>(List.of(
                "SET SESSION sql_log_bin = 0",
                "DROP DATABASE IF EXISTS " + Sql.identifier(target.database()),
                createDatabase,
                "USE " + Sql.identifier(target.database())));
        tables.forEach(t -> statements.add(deferIndexes ? t.deferIndexes().create() : t.create()));
        target.execute("creating the schema of " + target.database(), statements.toArray(String[]::new));
    }

    private void addIndexes(List<Table> tables) {
        if (!deferIndexes) {
            return;
        }
        List<String> statements = new ArrayList<>(List.of("SET SESSION sql_log_bin = 0", "USE " + Sql.identifier(target.database())));
        tables.stream().map(t -> t.deferIndexes().addIndexes()).filter(sql -> !sql.isEmpty()).forEach(statements::add);
        target.execute("adding the indexes of " + target.database(), statements.toArray(String[]::new));
    }

    private long copyRows(Connection snapshot, List<Table> tables, Consumer<CopyProgress> progress, long started) {
        long estimated = tables.stream().mapToLong(Table::estimatedRows).sum();
        AtomicLong copied = new AtomicLong();
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(writers * 2);
        ExecutorService pool = Executors.newFixedThreadPool(writers, r -> {
            Thread t = new Thread(r, "copy-writer-" + target.name());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                running.add(pool.submit(() -> write(queue, copied)));
            }
            for (Table table : tables) {
                read(snapshot, table, batch -> hand(queue, batch, running), () -> progress.accept(new CopyProgress(table.name(),
                        copied.get(), Math.max(estimated, copied.get()), Duration.ofNanos(System.nanoTime() - started))));
            }
            for (int i = 0; i < writers; i++) {
                hand(queue, END, running);
            }
            for (Future<Void> f : running) {
                await(f);
            }
            progress.accept(new CopyProgress("", copied.get(), copied.get(), Duration.ofNanos(System.nanoTime() - started)));
            return copied.get();
        } catch (SQLException e) {
            throw source.failure("reading rows for the copy", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Rows of one table for one INSERT; values are Strings, or byte[] for binary columns. */
    private record Batch(Insert insert, List<Object[]> rows) {
    }

    /** The INSERT prefix of a table: {@code INSERT INTO `t` (`a`, `b`) VALUES }. */
    private record Insert(String table, String prefix, String row) {
        String sql(int rows) {
            StringBuilder sb = new StringBuilder(prefix.length() + rows * (row.length() + 1));
            sb.append(prefix);
            for (int i = 0; i < rows; i++) {
                sb.append(i == 0 ? "" : ",").append(row);
            }
            return sb.toString();
        }
    }

    private interface BatchSink {
        void accept(Batch batch) throws SQLException;
    }

    private void read(Connection snapshot, Table table, BatchSink sink, Runnable pageDone) throws SQLException {
        String base = "SELECT * FROM " + Sql.identifier(table.name());
        if (table.key() == null) {
            try (Statement s = snapshot.createStatement(); ResultSet rs = s.executeQuery(base)) {
                readPage(rs, table, sink);
            }
            pageDone.run();
            return;
        }
        String order = " ORDER BY " + Sql.identifier(table.key()) + " LIMIT " + batchRows;
        String next = base + " WHERE " + Sql.identifier(table.key()) + " > ?" + order;
        Object last = null;
        while (true) {
            try (PreparedStatement ps = snapshot.prepareStatement(last == null ? base + order : next)) {
                if (last != null) {
                    ps.setObject(1, last);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    Page page = readPage(rs, table, sink);
                    pageDone.run();
                    pace.sleepAfterBatch("copying to " + target);
                    if (page.rows() < batchRows) {
                        return;
                    }
                    last = page.lastKey();
                }
            }
        }
    }

    private record Page(int rows, Object lastKey) {
    }

    private Page readPage(ResultSet rs, Table table, BatchSink sink) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        boolean[] binary = new boolean[columns];
        int keyColumn = 0;
        StringBuilder names = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
            int type = meta.getColumnType(i);
            binary[i - 1] = type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB;
            names.append(i == 1 ? "" : ", ").append(Sql.identifier(meta.getColumnName(i)));
            if (meta.getColumnName(i).equalsIgnoreCase(table.key())) {
                keyColumn = i;
            }
        }
        Insert insert = new Insert(table.name(), "INSERT INTO " + Sql.identifier(table.name()) + " (" + names + ") VALUES ",
                "(" + "?,".repeat(columns - 1) + "?)");
        List<Object[]> rows = new ArrayList<>();
        long bytes = 0;
        int count = 0;
        Object lastKey = null;
        while (rs.next()) {
            Object[] row = new Object[columns];
            for (int i = 0; i < columns; i++) {
                Object value = binary[i] ? rs.getBytes(i + 1) : rs.getString(i + 1);
                row[i] = value;
                bytes += value instanceof String s ? s.length() : value instanceof byte[] b ? b.length : 4;
            }
            rows.add(row);
            count++;
            if (keyColumn > 0) {
                // numbers compare as numbers: a BIGINT UNSIGNED key beyond 2^63 stays exact in a BigDecimal
                String key = rs.getString(keyColumn);
                lastKey = isNumeric(meta.getColumnType(keyColumn)) ? new BigDecimal(key) : key;
            }
            if (bytes >= MAX_INSERT_BYTES) {
                sink.accept(new Batch(insert, rows));
                rows = new ArrayList<>();
                bytes = 0;
            }
        }
        if (!rows.isEmpty()) {
            sink.accept(new Batch(insert, rows));
        }
        return new Page(count, lastKey);
    }

    private static boolean isNumeric(int type) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC -> true;
            default -> false;
        };
    }

    private void hand(BlockingQueue<Batch> queue, Batch batch, List<Future<Void>> writersRunning) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                for (Future<Void> f : writersRunning) {
                    if (f.isDone()) {
                        await(f); // throws the writer's failure; a writer never ends early otherwise
                        throw new FlightpathException(ErrorCode.INTERNAL, "a copy writer to " + target + " ended early");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlightpathException(ErrorCode.UNAVAILABLE, "interrupted while copying to " + target, e);
        }
    }

    private Void write(BlockingQueue<Batch> queue, AtomicLong copied) throws InterruptedException {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            // the copy is the source's history: keep it out of the target's binlog (see the class comment)
            s.execute("SET SESSION sql_log_bin = 0");
            while (true) {
                Batch batch = queue.take();
                if (batch == END) {
                    return null;
                }
                try (PreparedStatement ps = c.prepareStatement(batch.insert().sql(batch.rows().size()))) {
                    int i = 1;
                    for (Object[] row : batch.rows()) {
                        for (Object value : row) {
                            if (value instanceof byte[] b) {
                                ps.setBytes(i++, b);
                            } else {
                                ps.setString(i++, (String) value);
                            }
                        }
                    }
                    ps.executeUpdate();
                } catch (SQLException e) {
                    throw target.failure("copying rows into " + batch.insert().table(), e);
                }
                copied.addAndGet(batch.rows().size());
            }
        } catch (SQLException e) {
            throw target.failure("opening a copy connection", e);
        }
    }

    private void await(Future<Void> writer) {
        try {
            writer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlightpathException(ErrorCode.UNAVAILABLE, "interrupted while copying to " + target, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new FlightpathException(ErrorCode.INTERNAL, "copying to " + target + " failed: " + e.getCause(), e.getCause());
        }
    }
}
