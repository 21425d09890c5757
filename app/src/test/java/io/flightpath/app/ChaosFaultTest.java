package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.core.sharding.ShardMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What `chaos` makes of SCENARIO@STEPS and --step, and which split each split scenario runs. */
class ChaosFaultTest {
    @Test
    void aLagFollowsTheStepsWhileTheReplicationLinkExistsAndAKillFollowsEveryStep() {
        assertThat(ChaosFault.parse("split-target-delay@all").steps())
                .containsExactly(Step.CLONE_TARGET, Step.WAIT_FOR_CATCH_UP, Step.VERIFY_COPY, Step.MOVE_READS, Step.SPLIT_SEQUENCES, Step.MOVE_WRITES);
        assertThat(ChaosFault.parse("split-kill-target").stepsOr(null)).hasSize(10).endsWith(Step.VERIFY);
        assertThat(ChaosFault.parse("stop-serve-postflight").stepsOr(null)).containsExactly(Step.MOVE_READS);
    }

    @Test
    void stepsOfTheirOwnComeBeforeStepOptionWhichComesBeforeTheDefault() {
        assertThat(ChaosFault.parse("split-kill-source@move_writes,CUT_REPLICATION").stepsOr("VERIFY"))
                .containsExactly(Step.MOVE_WRITES, Step.CUT_REPLICATION);
        assertThat(ChaosFault.parse("split-kill-source").stepsOr("VERIFY")).containsExactly(Step.VERIFY);
        assertThat(ChaosFault.parse("kill-shard0").stepsOr("VERIFY")).isEmpty();
    }

    @Test
    void aStepTheFaultCannotFollowIsRefusedWithTheStepsItCan() {
        assertThatThrownBy(() -> ChaosFault.parse("split-target-lag@CUT_REPLICATION")).isInstanceOf(FlightpathException.class)
                .hasMessageContaining("split-target-lag cannot follow CUT_REPLICATION");
        assertThatThrownBy(() -> ChaosFault.parse("stop-serve-postflight@MOVE_READS,SPLIT_SEQUENCES")).isInstanceOf(FlightpathException.class)
                .hasMessageContaining("after one step");
        assertThatThrownBy(() -> ChaosFault.parse("kill-up@MOVE_READS")).isInstanceOf(FlightpathException.class)
                .hasMessageContaining("runs no split");
        assertThatThrownBy(() -> ChaosFault.parse("split-kill-source@MOVE")).isInstanceOf(FlightpathException.class)
                .hasMessageContaining("no split step 'MOVE'");
    }

    @Test
    void eachSplitHalvesTheWidestRangeLeftToTheNextShard() {
        ChaosSplit.Plan first = ChaosSplit.Plan.next(state(ShardMap.initial("shard0"), "shard0"));
        assertThat(first).isEqualTo(new ChaosSplit.Plan("shard0", "shard1", KeyRange.FULL.upperHalf()));

        ShardMap halves = ShardMap.initial("shard0").assign(KeyRange.FULL.upperHalf(), "shard1", false);
        ChaosSplit.Plan second = ChaosSplit.Plan.next(state(halves, "shard0", "shard1"));
        assertThat(second).isEqualTo(new ChaosSplit.Plan("shard0", "shard2", KeyRange.parse("4000000000000000-7fffffffffffffff")));
    }

    private static RoutingState state(ShardMap map, String... shards) {
        return new RoutingState(map, map, 1, List.of(shards).stream().map(s -> new ShardAddress(s, "127.0.0.1", 3307, "flightpath")).toList());
    }
}
