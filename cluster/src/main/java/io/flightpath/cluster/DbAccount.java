package io.flightpath.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The database accounts of a local cluster, one per store owner, each with only what it needs on
 * its own databases. Every server has them all (they are made once, in the data folder every
 * server is copied from), so a shard added later has them too; what an account may do depends on
 * the databases a server holds, not on the server. Their passwords are generated per cluster
 * folder ({@link LocalCluster#credentials(DbAccount)}).
 */
public enum DbAccount {
    /** The control service: accounts, flags, maps, acknowledgements, workflows. */
    CONTROL("fp_control", List.of(Databases.CONTROL), List.of()),
    /** The in-flight service: the in-flight records, the outbox, tombstones. */
    INFLIGHT("fp_inflight", List.of(Databases.INFLIGHT), List.of()),
    /** The post-flight service on every shard, and the legacy database, which becomes shard0 (its services and its rollout). */
    POSTFLIGHT("fp_postflight", List.of(Databases.RECORDS, Databases.LEGACY), List.of()),
    /**
     * The online split: it copies and deletes the post-flight databases and runs the replication
     * link between two shards. REPLICATION SLAVE: the link logs in to the source as this account;
     * REPLICATION SLAVE ADMIN: CHANGE MASTER, START and STOP SLAVE, gtid_slave_pos, slave_exec_mode;
     * SLAVE MONITOR: SHOW ALL SLAVES STATUS; RELOAD: RESET SLAVE ALL; BINLOG ADMIN: sql_log_bin = 0
     * for the deletion of the rows a shard no longer owns; PROCESS: the tables' file sizes before and
     * after their rebuild (information_schema.INNODB_SYS_TABLESPACES) and the shard's write
     * transactions (INNODB_TRX); CONNECTION ADMIN: KILL CONNECTION of a write stalled past the fence's
     * wait at MOVE_WRITES; SUPER: only because MariaDB allows
     * SET GLOBAL auto_increment_increment and auto_increment_offset (the odd/even sequences) to no
     * narrower privilege.
     */
    SPLIT("fp_split", List.of(Databases.RECORDS, Databases.LEGACY),
            List.of("REPLICATION SLAVE", "REPLICATION SLAVE ADMIN", "SLAVE MONITOR", "RELOAD", "BINLOG ADMIN", "PROCESS", "CONNECTION ADMIN", "SUPER"));

    /** What an owner does on its own databases: read and write rows, and apply its migrations. */
    static final String ON_OWN_DATABASES = "SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX";

    private final String user;
    private final List<String> databases;
    private final List<String> serverPrivileges;

    DbAccount(String user, List<String> databases, List<String> serverPrivileges) {
        this.user = user;
        this.databases = databases;
        this.serverPrivileges = serverPrivileges;
    }

    public String user() {
        return user;
    }

    /** The databases this account may use, on any server of the cluster. */
    public List<String> databases() {
        return databases;
    }

    /** The statements that create this account with {@code password} (hex: safe inside a quoted literal). */
    List<String> create(String password) {
        List<String> sql = new ArrayList<>();
        sql.add("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
        for (String database : databases) {
            sql.add("GRANT " + ON_OWN_DATABASES + " ON `" + database + "`.* TO '" + user + "'@'%'");
        }
        if (!serverPrivileges.isEmpty()) {
            sql.add("GRANT " + String.join(", ", serverPrivileges) + " ON *.* TO '" + user + "'@'%'");
        }
        return sql;
    }

    /** The names of the stores' databases on a local cluster. */
    public static final class Databases {
        public static final String CONTROL = "flightpath_control";
        public static final String INFLIGHT = "flightpath_inflight";
        public static final String RECORDS = "flightpath";
        /** The legacy shape's one database, on shard0's server, where the rollout later makes it shard0. */
        public static final String LEGACY = "flightpath_legacy";

        private Databases() {
        }
    }
}
