package io.flightpath.split.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.SplitLive;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.api.SplitRecord.State;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.ShardKey;
import io.flightpath.core.UsageDay;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.postflight.schema.KeyedTable;
import io.flightpath.postflight.schema.KeyedTables;
import io.flightpath.split.replication.RangeChecksum;
import io.flightpath.split.replication.ShardServer;
import io.flightpath.store.Database;
import io.flightpath.store.Migrations;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The online split end to end on real servers and real replication, with writes and reads
 * flowing through a routing node all along: no failed request, no lost or doubled record, and
 * each shard left holding exactly its ranges.
 */
class SplitWorkflowIT {
    static final KeyRange UPPER = KeyRange.FULL.upperHalf();
    static final int ACCOUNTS = 40;

    @TempDir
    Path home;

    /** Writes, updates and reads through the router while the split runs; every failure is kept. */
    static final class Traffic implements AutoCloseable {
        final List<AccountSid> accounts = new ArrayList<>();
        final ConcurrentLinkedQueue<Call> written = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger operations = new AtomicInteger();
        final Thread thread;

        Traffic(SplitFixture f) {
            for (int i = 0; i < ACCOUNTS; i++) {
                accounts.add(AccountSid.random());
            }
            List<Call> seed = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                seed.add(SplitFixture.finishedCall(accounts.get(i % ACCOUNTS)));
            }
            f.store.insertCalls(seed);
            written.addAll(seed);
            thread = Thread.ofVirtual().start(() -> {
                int n = 0;
                while (running.get()) {
                    try {
                        List<Call> batch = new ArrayList<>();
                        for (int i = 0; i < 10; i++) {
                            batch.add(SplitFixture.finishedCall(accounts.get((n + i) % ACCOUNTS)));
                        }
                        f.store.insertCalls(batch);
                        f.store.insertCalls(batch.subList(0, 3)); // a retried handoff batch
                        written.addAll(batch);
                        Call old = seed.get(n % seed.size());
                        f.store.priceCall(old.accountSid(), old.sid(), new BigDecimal("-0.01"), "USD", Instant.now());
                        if (f.store.call(old.accountSid(), old.sid()).isEmpty()) {
                            failures.add(new AssertionError("read missed " + old.sid()));
                        }
                        operations.incrementAndGet();
                        n += 10;
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    @Test
    void aRangeMovesToANewShardUnderTrafficWithNothingLostOrDoubled() throws Exception {
        try (SplitFixture f = new SplitFixture(home); Traffic traffic = new Traffic(f)) {
            SplitRecord split = f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard1", UPPER);
            // while the split runs, the control store learns what it is doing: another process could watch it
            SplitRunner.StepHook watched = step -> {
                if (step == Step.MOVE_READS) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> f.registry.live(split.id())
                            .filter(l -> l.stepSeconds().containsKey("VERIFY_COPY") && l.lagSeconds() != null).isPresent());
                }
            };

            SplitRecord done = f.runner(watched).run(split.id());
            traffic.close();

            assertThat(done.state()).isEqualTo(State.DONE);
            assertThat(traffic.failures).isEmpty();
            assertThat(traffic.operations.get()).isPositive();
            assertEndState(f, traffic);
            SplitLive live = f.registry.live(split.id()).orElseThrow();
            assertThat(live.stepSeconds().keySet()).containsExactly(java.util.Arrays.stream(Step.values())
                    .filter(s -> s != Step.DONE).map(Step::name).toArray(String[]::new));
            assertThat(live.step()).isEqualTo(Step.VERIFY.name());
            assertThat(live.niceRatio()).isEqualTo(SplitFixture.settings().niceRatio());
            assertThat(Long.parseLong(done.outputs().get("rebuild.shard0.calls.after_bytes")))
                    .isLessThanOrEqualTo(Long.parseLong(done.outputs().get("rebuild.shard0.calls.before_bytes")));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Step.class, names = "DONE", mode = EnumSource.Mode.EXCLUDE)
    void aRunKilledAfterAnyStepResumesToTheSameEndState(Step crashAfter) throws Exception {
        try (SplitFixture f = new SplitFixture(home); Traffic traffic = new Traffic(f)) {
            SplitRecord split = f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard1", UPPER);
            SplitRunner.StepHook crash = step -> {
                if (step == crashAfter) {
                    throw new IllegalStateException("killed after " + step);
                }
            };

            assertThatThrownBy(() -> f.runner(crash).run(split.id())).hasMessageContaining("killed after " + crashAfter);
            assertThat(f.registry.find(split.id()).orElseThrow().step()).isEqualTo(crashAfter);

            SplitRecord done = f.runner(SplitRunner.StepHook.NONE).run(split.id());
            traffic.close();

            assertThat(done.state()).isEqualTo(State.DONE);
            assertThat(traffic.failures).isEmpty();
            assertEndState(f, traffic);
        }
    }

    @Test
    void aSplitIsAbortedBeforeWritesMoveAndEverythingStaysOnTheSource() throws Exception {
        try (SplitFixture f = new SplitFixture(home); Traffic traffic = new Traffic(f)) {
            SplitRecord split = f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard1", UPPER);
            assertThatThrownBy(() -> f.runner(step -> {
                if (step == Step.SPLIT_SEQUENCES) {
                    throw new IllegalStateException("stop here");
                }
            }).run(split.id())).hasMessageContaining("stop here");

            SplitRecord aborted = f.abort().abort(split.id());
            traffic.close();

            assertThat(aborted.state()).isEqualTo(State.ABORTED);
            assertThat(aborted.step()).as("the step it was aborted at").isEqualTo(Step.SPLIT_SEQUENCES);
            assertThat(f.runner(SplitRunner.StepHook.NONE).describe(split.id())).as("nothing left to run").isEmpty();
            RoutingState state = f.routing.state();
            assertThat(state.read().shards()).containsExactly("shard0");
            assertThat(state.write().shards()).containsExactly("shard0");
            assertThat(traffic.failures).isEmpty();
            for (Call c : traffic.written) {
                assertThat(f.store.call(c.accountSid(), c.sid())).isPresent();
            }
            assertThat(f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard2", UPPER).source()).isEqualTo("shard0");
        }
    }

    @Test
    void writesCannotMoveBeforeReadsAndMovedWritesCannotBeAborted() throws Exception {
        try (SplitFixture f = new SplitFixture(home)) {
            SplitRecord split = f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard1", UPPER);
            assertThatThrownBy(() -> f.runner(step -> {
                if (step == Step.VERIFY_COPY) {
                    throw new IllegalStateException("stop before reads move");
                }
            }).run(split.id())).hasMessageContaining("stop before reads move");
            SplitContext ctx = new SplitContext(f.registry.find(split.id()).orElseThrow(), f.routing, f.shards,
                    SplitFixture.settings(), SplitProgress.SILENT, java.time.Clock.systemUTC());

            assertThat(new MoveWrites().blockedBy(ctx)).hasValueSatisfying(why -> assertThat(why).contains("reads move before writes"));

            SplitRecord done = f.runner(SplitRunner.StepHook.NONE).run(split.id());
            assertThat(done.state()).isEqualTo(State.DONE);
            assertThatThrownBy(() -> f.abort().abort(split.id())).isInstanceOf(FlightpathException.class);
        }
    }

    @Test
    void anIsolationRecordsItsAccountAndStaysPendingForAnyRunnerToClaim() throws Exception {
        try (SplitFixture f = new SplitFixture(home)) {
            AccountSid account = AccountSid.random();

            SplitRecord planned = f.runner(SplitRunner.StepHook.NONE).isolate("shard0", "shard1", account);

            assertThat(planned.range()).isEqualTo(KeyRange.of(ShardKey.of(account)));
            assertThat(planned.outputs()).containsEntry(SplitRunner.ISOLATED_ACCOUNT, account.value());
            assertThat(planned.state()).isEqualTo(State.PENDING);
            assertThat(f.registry.claim(planned.id(), "another-runner", Duration.ofMinutes(1)).owner()).isEqualTo("another-runner");
        }
    }

    @Test
    void aSecondSplitOfTheSameSourceIsRefusedWhileOneIsUnfinished() throws Exception {
        try (SplitFixture f = new SplitFixture(home)) {
            f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard1", UPPER);

            assertThatThrownBy(() -> f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard2", KeyRange.of(7)))
                    .isInstanceOf(FlightpathException.class)
                    .satisfies(e -> assertThat(((FlightpathException) e).code()).isEqualTo(ErrorCode.CONFLICT));
        }
    }

    @Test
    void aDryRunSavesNothingSoARealSplitOfTheSameSourceCanStart() throws Exception {
        try (SplitFixture f = new SplitFixture(home)) {
            List<SplitRecord> before = f.registry.list(50);

            List<String> steps = f.runner(SplitRunner.StepHook.NONE).preview("shard0", "shard1", UPPER);

            assertThat(steps).hasSize(10);
            assertThat(steps.getFirst()).startsWith("1/10 CLONE_TARGET: copy shard0 to shard1");
            assertThat(steps.getLast()).startsWith("10/10 VERIFY: ");
            assertThat(f.registry.list(50)).isEqualTo(before);
            assertThat(f.shards.find("shard1")).as("no target provisioned").isEmpty();
            SplitRecord split = f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard1", UPPER);
            assertThat(split.state()).isEqualTo(State.PENDING);
            assertThat(f.registry.list(50)).extracting(SplitRecord::id).containsExactly(split.id());
        }
    }

    @Test
    void aKeyedTableTheSplitDoesNotNameIsCopiedCheckedAndDeletedOnBothSides() throws Exception {
        KeyedTable notes = KeyedTable.of("call_notes");
        try (SplitFixture f = new SplitFixture(home, KeyedTables.POSTFLIGHT.plus(notes))) {
            ShardServer shard0 = f.shards.require("shard0");
            Database.open("call notes", shard0.config(), List.of(new Migrations("db/call-notes", "flyway_call_notes_history"))).close();
            Set<String> moving = new HashSet<>();
            Set<String> staying = new HashSet<>();
            shard0.onDatabase("adding call notes", c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO call_notes (account_sid, shard_key, note) VALUES (?, ?, ?)")) {
                    for (int i = 0; i < ACCOUNTS * 5; i++) {
                        AccountSid account = AccountSid.random();
                        String note = "note " + i;
                        ps.setString(1, account.value());
                        ps.setString(2, Long.toUnsignedString(ShardKey.of(account)));
                        ps.setString(3, note);
                        ps.executeUpdate();
                        (UPPER.contains(ShardKey.of(account)) ? moving : staying).add(note);
                    }
                }
                return null;
            });
            assertThat(moving).isNotEmpty();
            assertThat(staying).isNotEmpty();

            SplitRecord split = f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard1", UPPER);
            SplitRecord done = f.runner(SplitRunner.StepHook.NONE).run(split.id());

            assertThat(done.state()).isEqualTo(State.DONE);
            assertThat(notes(shard0)).isEqualTo(staying);
            assertThat(notes(f.shards.require("shard1"))).isEqualTo(moving);
            assertThat(done.outputs().get("verify_copy.checksums")).contains("call_notes: " + moving.size() + " rows");
            assertThat(done.outputs()).containsEntry("delete.source_rows", Long.toString(moving.size()))
                    .containsEntry("delete.target_rows", Long.toString(staying.size()))
                    .containsKeys("rebuild.shard0.call_notes.after_bytes", "rebuild.shard1.call_notes.after_bytes");
        }
    }

    @Test
    void theUsageOfDeletedRecordsMovesWithTheirRangeAndBillingSeesTheSameAfter() throws Exception {
        try (SplitFixture f = new SplitFixture(home)) {
            List<AccountSid> accounts = new ArrayList<>();
            List<Call> calls = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                AccountSid account = AccountSid.random();
                accounts.add(account);
                calls.add(SplitFixture.finishedCall(account));
                calls.add(SplitFixture.finishedCall(account));
            }
            f.store.insertCalls(calls);
            for (int i = 0; i < calls.size(); i += 2) {
                f.store.priceCall(calls.get(i).accountSid(), calls.get(i).sid(), new BigDecimal("-0.01400"), "USD", Instant.now());
                assertThat(f.store.deleteCall(calls.get(i).accountSid(), calls.get(i).sid())).isTrue();
            }
            Instant from = Instant.now().minusSeconds(3600);
            Instant to = Instant.now().plusSeconds(3600);
            Map<AccountSid, List<UsageDay>> before = new HashMap<>();
            accounts.forEach(a -> before.put(a, f.store.usage(a, from, to)));
            long moving = accounts.stream().filter(a -> UPPER.contains(ShardKey.of(a))).count();
            assertThat(moving).isPositive().isLessThan(ACCOUNTS);

            SplitRecord split = f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard1", UPPER);
            SplitRecord done = f.runner(SplitRunner.StepHook.NONE).run(split.id());

            assertThat(done.state()).isEqualTo(State.DONE);
            assertThat(done.outputs().get("verify_copy.checksums")).contains("usage_ledger: " + moving + " rows");
            assertThat(ledgerAccounts(f.shards.require("shard1"))).allMatch(a -> UPPER.contains(ShardKey.of(a))).hasSize((int) moving);
            assertThat(ledgerAccounts(f.shards.require("shard0"))).noneMatch(a -> UPPER.contains(ShardKey.of(a)))
                    .hasSize(ACCOUNTS - (int) moving);
            for (AccountSid a : accounts) {
                List<UsageDay> after = f.store.usage(a, from, to);
                assertThat(after).as("usage of %s", a).usingRecursiveFieldByFieldElementComparator(RecursiveComparisonConfiguration.builder()
                        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build()).isEqualTo(before.get(a));
                assertThat(after).singleElement().satisfies(day -> {
                    assertThat(day.calls()).isEqualTo(2);
                    assertThat(day.callPrice()).isEqualByComparingTo("-0.014");
                });
            }
        }
    }

    private static List<AccountSid> ledgerAccounts(ShardServer shard) {
        return shard.onDatabase("reading the usage ledger", c -> {
            List<AccountSid> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT account_sid FROM usage_ledger"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(AccountSid.parse(rs.getString(1)));
                }
            }
            return found;
        });
    }

    private static Set<String> notes(ShardServer shard) {
        return shard.onDatabase("reading call notes", c -> {
            Set<String> found = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT note FROM call_notes"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        });
    }

    private static void assertEndState(SplitFixture f, Traffic traffic) {
        RoutingState state = f.routing.state();
        assertThat(state.read().lookup(UPPER.start()).shard()).isEqualTo("shard1");
        assertThat(state.write().lookup(UPPER.start()).shard()).isEqualTo("shard1");
        assertThat(state.write().lookup(0L).shard()).isEqualTo("shard0");
        assertThat(state.write().entries()).noneMatch(e -> e.frozen());
        assertThat(RangeChecksum.inside(f.shards.require("shard0"), UPPER).rows()).isZero();
        assertThat(RangeChecksum.outside(f.shards.require("shard1"), UPPER).rows()).isZero();

        List<String> sids = Collections.synchronizedList(new ArrayList<>());
        traffic.written.forEach(c -> sids.add(c.sid().value()));
        assertThat(sids).doesNotHaveDuplicates();
        long onSource = RangeChecksum.outside(f.shards.require("shard0"), UPPER).rows();
        long onTarget = RangeChecksum.inside(f.shards.require("shard1"), UPPER).rows();
        assertThat(onSource + onTarget).as("every record once, none doubled").isEqualTo(traffic.written.size());
        for (Call c : traffic.written) {
            String expected = UPPER.contains(ShardKey.of(c.accountSid())) ? "shard1" : "shard0";
            assertThat(f.router.forRead(c.accountSid()).name()).isEqualTo(expected);
            assertThat(f.store.call(c.accountSid(), c.sid())).as("record %s", c.sid()).isPresent();
        }
    }
}
