package io.flightpath.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterLayoutTest {

    @Test
    void everyServerHasItsOwnPortServerIdAndGtidDomain() {
        List<ServerSpec> servers = new ClusterLayout("127.0.0.1", 23300).servers(ClusterLayout.MAX_SHARDS);

        assertThat(servers).extracting(ServerSpec::port).doesNotHaveDuplicates();
        assertThat(servers).extracting(ServerSpec::serverId).doesNotHaveDuplicates();
        assertThat(servers).extracting(ServerSpec::gtidDomainId).doesNotHaveDuplicates();
        assertThat(servers).extracting(ServerSpec::name).doesNotHaveDuplicates();
    }

    @Test
    void controlThenInflightThenShardsFromTheBasePort() {
        List<ServerSpec> servers = new ClusterLayout("127.0.0.1", 23300).servers(2);

        assertThat(servers).extracting(ServerSpec::name).containsExactly("control", "inflight", "shard0", "shard1");
        assertThat(servers).extracting(ServerSpec::port).containsExactly(23300, 23301, 23302, 23303);
        assertThat(servers).extracting(ServerSpec::role).containsExactly(Role.CONTROL, Role.INFLIGHT, Role.SHARD, Role.SHARD);
    }

    @Test
    void refusesALayoutThatCoversTheMachinesOwnMariaDbPort() {
        assertThatThrownBy(() -> new ClusterLayout("127.0.0.1", 3300))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3306");
    }

    @Test
    void refusesPortsOutsideTheUsableRange() {
        assertThatThrownBy(() -> new ClusterLayout("127.0.0.1", 80)).hasMessageContaining("was 80");
        assertThatThrownBy(() -> new ClusterLayout("127.0.0.1", 65500)).hasMessageContaining("was 65500");
    }
}
