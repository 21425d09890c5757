package io.flightpath.split.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.ServerSpec;
import io.flightpath.cluster.testing.SharedCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copy rate beside a plain {@code mariadb-dump | mariadb} of the same rows on the same
 * machine. Runs only when asked: {@code -Dflightpath.bench.copyRows=1000000}.
 */
@ExtendWith(SharedCluster.class)
class CopyRateIT {
    private static final Logger LOG = LoggerFactory.getLogger(CopyRateIT.class);

    @Test
    void copyRateBesideDumpAndRestore() throws Exception {
        long rows = Long.getLong("flightpath.bench.copyRows", 0);
        assumeTrue(rows > 0, "set -Dflightpath.bench.copyRows to measure");
        ShardServer source = ShardRows.freshShard("shard0");
        ShardServer target = ShardRows.sameDatabaseOn("shard1", source);
        try {
            ShardRows.insert(source, 1, rows / 2);
            double dump = dumpAndRestore(source, target, rows);
            CopyResult copy = new SnapshotCopy(source, target).copy(p -> { });
            double dumpAgain = dumpAndRestore(source, target, rows);
            LOG.info("{} rows: snapshot copy {} rows/s ({} ms); dump|restore {} and {} rows/s; ratio {}", copy.rows(),
                    Math.round(copy.rowsPerSecond()), copy.elapsed().toMillis(), Math.round(dump), Math.round(dumpAgain),
                    "%.2f".formatted(copy.rowsPerSecond() / ((dump + dumpAgain) / 2)));
            assertThat(copy.rows()).isGreaterThanOrEqualTo(rows);
        } finally {
            ShardRows.drop(source);
            ShardRows.drop(target);
        }
    }

    /** Rows per second of a dump piped into a restore, the target's binlog off as for the copy. */
    private static double dumpAndRestore(ShardServer source, ShardServer target, long rows) throws Exception {
        target.execute("preparing a restore", "SET SESSION sql_log_bin = 0", "DROP DATABASE IF EXISTS `" + target.database() + "`",
                "CREATE DATABASE `" + target.database() + "`");
        DbCredentials login = SharedCluster.credentials();
        ServerSpec from = SharedCluster.server(source.name());
        ServerSpec to = SharedCluster.server(target.name());
        String command = "set -o pipefail; MYSQL_PWD=" + login.password() + " mariadb-dump --single-transaction --skip-lock-tables -h"
                + from.host() + " -P" + from.port() + " -u" + login.user() + " " + source.database()
                + " | MYSQL_PWD=" + login.password() + " mariadb --init-command='SET SESSION sql_log_bin=0' -h" + to.host()
                + " -P" + to.port() + " -u" + login.user() + " " + target.database();
        long started = System.nanoTime();
        Process p = new ProcessBuilder(List.of("bash", "-c", command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        return Rates.perSecond(rows, Duration.ofNanos(System.nanoTime() - started));
    }
}
