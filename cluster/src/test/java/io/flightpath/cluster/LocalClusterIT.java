package io.flightpath.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.cluster.testing.SharedCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster's life cycle on real MariaDB servers, in a folder of its own. */
class LocalClusterIT {
    @TempDir
    Path home;

    LocalCluster cluster;
    int basePort;

    @BeforeEach
    void setUp() {
        cluster = new LocalCluster(home, line -> { });
        basePort = SharedCluster.freeBasePort();
    }

    @AfterEach
    void tearDown() {
        cluster.destroy();
    }

    @Test
    void upStartsOneAnsweringServerPerStore() {
        cluster.up("127.0.0.1", basePort, 2);

        List<ServerStatus> status = cluster.status();
        assertThat(status).extracting(s -> s.spec().name()).containsExactly("control", "inflight", "shard0", "shard1");
        assertThat(status).allSatisfy(s -> assertThat(s.answers()).isTrue());
    }

    @Test
    void upTwiceKeepsTheRunningServers() {
        cluster.up("127.0.0.1", basePort, 1);
        List<OptionalLong> before = cluster.status().stream().map(ServerStatus::pid).toList();

        cluster.up(null, null, null);

        assertThat(cluster.status().stream().map(ServerStatus::pid).toList()).isEqualTo(before);
    }

    @Test
    void downLeavesNoServerProcessBehindAndUpRestartsWithTheData() throws SQLException {
        cluster.up("127.0.0.1", basePort, 1);
        execute(cluster.servers().get(2), "CREATE DATABASE kept", "CREATE TABLE kept.t (id INT PRIMARY KEY)",
                "INSERT INTO kept.t VALUES (7)");

        cluster.down();

        assertThat(cluster.status()).allSatisfy(s -> {
            assertThat(s.pid()).isEmpty();
            assertThat(s.answers()).isFalse();
        });
        for (ServerSpec spec : cluster.servers()) {
            assertThat(Processes.findByArgument("--datadir=" + home.resolve("servers").resolve(spec.name()).resolve("data"))).isEmpty();
        }

        cluster.up(null, null, null);
        assertThat(query(cluster.servers().get(2), "SELECT id FROM kept.t")).containsExactly("7");
    }

    @Test
    void aBusyPortIsRefusedBeforeAnyServerStarts() throws IOException {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), basePort + 3));

            assertThatThrownBy(() -> cluster.up("127.0.0.1", basePort, 2))
                    .isInstanceOf(ClusterException.class)
                    .hasMessageContaining("port " + (basePort + 3) + " (shard1) is in use");
        }
        assertThat(cluster.status()).isEmpty();
    }

    @Test
    void movingARunningClusterToOtherPortsIsRefused() {
        cluster.up("127.0.0.1", basePort, 1);

        assertThatThrownBy(() -> cluster.up("127.0.0.1", basePort + 1, 1))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("run `cluster down`");
        assertThat(cluster.status()).allSatisfy(s -> assertThat(s.spec().port()).isLessThan(basePort + 3));
    }

    @Test
    void shardsAreAddedButNeverRemoved() {
        cluster.up("127.0.0.1", basePort, 1);
        cluster.up(null, null, 2);

        assertThat(cluster.status()).hasSize(4).allSatisfy(s -> assertThat(s.answers()).isTrue());
        assertThatThrownBy(() -> cluster.up(null, null, 1)).hasMessageContaining("never removes them");
    }

    @Test
    void addShardStartsTheNextShardOnceAndLeavesTheOthersAlone() throws SQLException {
        cluster.up("127.0.0.1", basePort, 1);
        List<OptionalLong> before = cluster.status().stream().map(ServerStatus::pid).toList();

        ServerSpec added = cluster.addShard(1);
        ServerSpec again = cluster.addShard(1);

        assertThat(added).isEqualTo(again);
        assertThat(added.name()).isEqualTo("shard1");
        List<ServerStatus> status = cluster.status();
        assertThat(status).extracting(s -> s.spec().name()).containsExactly("control", "inflight", "shard0", "shard1");
        assertThat(status).allSatisfy(s -> assertThat(s.answers()).isTrue());
        assertThat(status.subList(0, 3).stream().map(ServerStatus::pid).toList()).isEqualTo(before);
        assertThat(query(added, "SELECT CONCAT(@@log_bin, '/', @@server_id, '/', @@gtid_domain_id)")).containsExactly("ON/11/11");
    }

    @Test
    void addShardStartsAKnownShardThatIsStoppedAndRefusesAGap() {
        cluster.up("127.0.0.1", basePort, 1);
        cluster.addShard();
        cluster.down();

        ServerSpec shard1 = cluster.addShard(1);

        assertThat(cluster.status()).filteredOn(s -> s.answers()).extracting(s -> s.spec()).containsExactly(shard1);
        assertThatThrownBy(() -> cluster.addShard(3))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("shard index must be 0..2")
                .hasMessageContaining("was 3");
    }

    @Test
    void addShardNeedsACluster() {
        assertThatThrownBy(() -> cluster.addShard(0)).hasMessageContaining("run `cluster up` first");
    }

    @Test
    void everyServerIsReadyToBeAReplicationSource() throws SQLException {
        cluster.up("127.0.0.1", basePort, 2);

        List<String> identities = new ArrayList<>();
        for (ServerSpec spec : cluster.servers()) {
            assertThat(query(spec, "SELECT @@log_bin, @@binlog_format")).containsExactly("1", "ROW");
            identities.addAll(query(spec, "SELECT CONCAT(@@server_id, '/', @@gtid_domain_id)"));
        }
        assertThat(identities).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void theInflightServicesAccountCannotReadTheControlStoreNorAnythingButItsOwnDatabase() throws SQLException {
        cluster.up("127.0.0.1", basePort, 1);
        ServerSpec control = cluster.servers().get(0);
        ServerSpec inflight = cluster.servers().get(1);
        execute(control, "CREATE DATABASE " + DbAccount.Databases.CONTROL,
                "CREATE TABLE " + DbAccount.Databases.CONTROL + ".accounts (sid CHAR(34) PRIMARY KEY, auth_token_hash CHAR(64))",
                "INSERT INTO " + DbAccount.Databases.CONTROL + ".accounts VALUES ('AC1', 'secret')");
        DbCredentials inflightLogin = cluster.credentials(DbAccount.INFLIGHT);

        // its own database: it creates it, migrates it, reads and writes it
        execute(inflight, inflightLogin, "CREATE DATABASE IF NOT EXISTS " + DbAccount.Databases.INFLIGHT,
                "CREATE TABLE " + DbAccount.Databases.INFLIGHT + ".outbox (id INT PRIMARY KEY)",
                "INSERT INTO " + DbAccount.Databases.INFLIGHT + ".outbox VALUES (1)");
        assertThat(query(inflight, inflightLogin, "SELECT id FROM " + DbAccount.Databases.INFLIGHT + ".outbox")).containsExactly("1");

        assertThatThrownBy(() -> query(control, inflightLogin, "SELECT * FROM " + DbAccount.Databases.CONTROL + ".accounts"))
                .isInstanceOf(SQLException.class).hasMessageContaining("denied");
        assertThatThrownBy(() -> query(control, inflightLogin, "SELECT User, authentication_string FROM mysql.user"))
                .isInstanceOf(SQLException.class).hasMessageContaining("denied");
        assertThatThrownBy(() -> execute(control, inflightLogin, "CREATE DATABASE elsewhere"))
                .isInstanceOf(SQLException.class).hasMessageContaining("denied");
        assertThatThrownBy(() -> execute(inflight, inflightLogin, "GRANT SELECT ON " + DbAccount.Databases.INFLIGHT + ".* TO 'fp_control'@'%'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("denied");
        assertThat(query(control, cluster.credentials(DbAccount.CONTROL), "SELECT sid FROM " + DbAccount.Databases.CONTROL + ".accounts"))
                .containsExactly("AC1");
    }

    @Test
    void rootHasAPasswordOfItsOwnNoAccountMayGrantAndNoServerLoadsLocalFiles() throws SQLException {
        cluster.up("127.0.0.1", basePort, 1);
        DbCredentials admin = cluster.credentials();
        List<String> passwords = new ArrayList<>(List.of(admin.password()));
        for (DbAccount a : DbAccount.values()) {
            passwords.add(cluster.credentials(a).password());
        }
        assertThat(passwords).doesNotHaveDuplicates();

        for (ServerSpec spec : cluster.servers()) {
            assertThat(query(spec, "SELECT @@local_infile")).containsExactly("0");
            assertThatThrownBy(() -> query(spec, new DbCredentials("root", admin.password()), "SELECT 1"))
                    .isInstanceOf(SQLException.class);
            // root keeps GRANT OPTION on localhost (the socket) only; nobody who logs in over TCP can grant
            assertThat(query(spec, "SELECT CONCAT(User, '@', Host) FROM mysql.user WHERE Grant_priv = 'Y' OR (User = 'root' AND Host <> 'localhost')"))
                    .containsExactly("root@localhost");
        }
    }

    private void execute(ServerSpec spec, String... statements) throws SQLException {
        execute(spec, cluster.credentials(), statements);
    }

    private List<String> query(ServerSpec spec, String sql) throws SQLException {
        return query(spec, cluster.credentials(), sql);
    }

    private static void execute(ServerSpec spec, DbCredentials login, String... statements) throws SQLException {
        try (Connection c = connect(spec, login); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static List<String> query(ServerSpec spec, DbCredentials login, String sql) throws SQLException {
        try (Connection c = connect(spec, login); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> row = new ArrayList<>();
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
            }
            return row;
        }
    }

    private static Connection connect(ServerSpec spec, DbCredentials login) throws SQLException {
        return java.sql.DriverManager.getConnection(spec.jdbcUrl(""), login.user(), login.password());
    }
}
