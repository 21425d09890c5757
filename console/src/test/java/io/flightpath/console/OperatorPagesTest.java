package io.flightpath.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.console.Views.Field;
import io.flightpath.console.Views.Holds;
import io.flightpath.console.Views.Progress;
import io.flightpath.console.Views.TableRow;
import io.flightpath.control.api.SplitLive;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.postflight.api.ShardStats;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorPagesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
    private static final String OTHER = "AC" + "fedcba9876543210".repeat(2);

    private static SplitRecord split(long id, KeyRange range, Map<String, String> outputs) {
        return new SplitRecord(id, "shard0", "shard" + id, range, SplitRecord.Step.DONE, SplitRecord.State.DONE, outputs, null, null, null,
                NOW, NOW);
    }

    @Test
    void anIsolatedAccountIsKnownByTheKeyItsSplitMovedAndTheNewestSplitOfAKeyNamesIt() {
        Map<Long, String> accounts = OperatorPages.isolatedAccounts(List.of(
                split(3, KeyRange.of(7), Map.of(OperatorPages.ISOLATED_ACCOUNT, OTHER)),
                split(2, KeyRange.parse("8000000000000000-ffffffffffffffff"), Map.of(OperatorPages.ISOLATED_ACCOUNT, ACCOUNT)),
                split(1, KeyRange.of(7), Map.of(OperatorPages.ISOLATED_ACCOUNT, ACCOUNT)),
                split(0, KeyRange.of(9), Map.of("clone.rows", "12"))));
        assertThat(accounts).as("only splits of one key that recorded an account").containsExactly(Map.entry(7L, OTHER));
    }

    @Test
    void aSplitThatIsolatesAnAccountIsTitledWithTheAccount() {
        assertThat(OperatorPages.split(split(1, KeyRange.of(7), Map.of(OperatorPages.ISOLATED_ACCOUNT, ACCOUNT)), NOW).title())
                .isEqualTo("Split 1: isolate " + ACCOUNT + " (key 0000000000000007) from shard0 to shard1");
        assertThat(OperatorPages.split(split(2, KeyRange.parse("8000000000000000-ffffffffffffffff"), Map.of()), NOW).title())
                .isEqualTo("Split 2: 8000000000000000-ffffffffffffffff from shard0 to shard2");
    }

    @Test
    void whatAShardHoldsHasItsCountsGroupedAndItsBytesInBinaryUnits() {
        Holds holds = OperatorPages.holds(new ShardStats("shard1", 1234, List.of(
                new ShardStats.TableStats("calls", 50_000, 5 * 1024 * 1024 + 512 * 1024, 16_384),
                new ShardStats.TableStats("messages", 1, 1000, 0))));
        assertThat(holds.accounts()).isEqualTo("1,234");
        assertThat(holds.tables()).containsExactly(new TableRow("calls", "50,000 rows", "5.50 MiB", "16.0 KiB"),
                new TableRow("messages", "1 row", "1000 B", "0 B"));
    }

    @Test
    void aRunningCopyShowsItsWorkRateTimeLeftLagThrottleAndEachFinishedStepsTime() {
        Map<String, Double> steps = new LinkedHashMap<>();
        steps.put("WAIT_FOR_CATCH_UP", 0.05);
        steps.put("CLONE_TARGET", 75.5);
        Progress p = OperatorPages.progress(new SplitLive("DELETE_FOREIGN_ROWS", 2_500, 10_000, "rows", 125, 60L, 2L, 1.0,
                null, steps, NOW.minusMillis(400)), NOW);
        assertThat(p.step()).isEqualTo("DELETE_FOREIGN_ROWS");
        assertThat(p.work()).isEqualTo("2,500 of 10,000 rows (25.0 %)");
        assertThat(p.rate()).isEqualTo("125 rows/s");
        assertThat(p.left()).isEqualTo("about 1 min 0 s left in this step");
        assertThat(p.lag()).isEqualTo("2 s");
        assertThat(p.throttle()).isEqualTo("nice ratio 1.00: bulk work takes at most 50.0 % of a connection");
        assertThat(p.stepTimes()).as("in the order the steps ran").containsExactly(new Field("WAIT_FOR_CATCH_UP", "0.05 s"),
                new Field("CLONE_TARGET", "1 min 15 s"));
        assertThat(p.reported()).isEqualTo("0.40 s ago");
        assertThat(OperatorPages.progress(new SplitLive("CLONE_TARGET", 10, 100, "rows", 5, 18L, null, 1.0, null, Map.of(), NOW), NOW).left())
                .isEqualTo("about 18 s left in this step");
        assertThat(OperatorPages.progress(new SplitLive("CLONE_TARGET", 100, 100, "rows", 5, 0L, null, 1.0, null, Map.of(), NOW), NOW).left())
                .isEqualTo("its counted work is done");
    }

    @Test
    void aStepThatCountsNothingAndWaitsShowsWhatItWaitsForAndNoRateOrEstimate() {
        Progress p = OperatorPages.progress(new SplitLive("MOVE_READS", 0, 0, "rows", 0, null, null, 0, "MOVE_READS waits: replication lag 3 s",
                Map.of(), NOW), NOW);
        assertThat(p.work()).isNull();
        assertThat(p.rate()).isNull();
        assertThat(p.left()).isNull();
        assertThat(p.lag()).isEqualTo("not measured yet");
        assertThat(p.throttle()).isEqualTo("none: bulk work runs flat out");
        assertThat(p.waits()).isEqualTo("MOVE_READS waits: replication lag 3 s");
        assertThat(p.stepTimes()).isEmpty();
    }
}
