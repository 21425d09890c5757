package io.flightpath.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.console.Views.Holds;
import io.flightpath.console.Views.TableRow;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.postflight.api.ShardStats;
import java.time.Instant;
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
}
