package io.flightpath.split.replication;

import io.flightpath.cluster.testing.SharedCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** Integration tests on a {@link ShardPair} of their own per test, opened by {@link #open()} and closed after. */
@ExtendWith(SharedCluster.class)
abstract class ShardPairTests {
    ShardPair pair;
    ShardServer source;
    ShardServer target;
    Replication replication;

    abstract ShardPair open();

    @BeforeEach
    void openPair() {
        pair = open();
        source = pair.source;
        target = pair.target;
        replication = pair.replication;
    }

    @AfterEach
    void closePair() {
        pair.close();
    }
}
