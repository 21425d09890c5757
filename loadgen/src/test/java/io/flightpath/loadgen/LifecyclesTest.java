package io.flightpath.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.core.CallStatus;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.RecordStatus;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

class LifecyclesTest {
    private static final int SEEDS = 5_000;

    @Test
    void everyCallPlanIsALegalPathFromQueuedToPostFlight() {
        Set<CallStatus> finals = EnumSet.noneOf(CallStatus.class);
        for (long seed = 0; seed < SEEDS; seed++) {
            finals.add(walk(Lifecycles.call(new SplittableRandom(seed)), CallStatus.QUEUED, CallStatus::canMoveTo, seed));
        }
        assertThat(finals).containsExactlyInAnyOrder(
                CallStatus.COMPLETED, CallStatus.BUSY, CallStatus.NO_ANSWER, CallStatus.FAILED, CallStatus.CANCELED);
    }

    @Test
    void everyMessagePlanIsALegalPathFromQueuedToPostFlight() {
        Set<MessageStatus> finals = EnumSet.noneOf(MessageStatus.class);
        for (long seed = 0; seed < SEEDS; seed++) {
            finals.add(walk(Lifecycles.message(new SplittableRandom(seed)), MessageStatus.QUEUED, MessageStatus::canMoveTo, seed));
        }
        assertThat(finals).containsExactlyInAnyOrder(MessageStatus.DELIVERED, MessageStatus.UNDELIVERED, MessageStatus.FAILED);
    }

    /** Follows the plan from {@code start}, asserting each move is allowed; returns where it ends. */
    private static <S extends RecordStatus> S walk(Lifecycle plan, S start, BiPredicate<S, S> canMove, long seed) {
        S at = start;
        for (Lifecycle.Step step : plan.steps()) {
            @SuppressWarnings("unchecked")
            S next = (S) step.status();
            assertThat(canMove.test(at, next)).as("seed %d: %s -> %s", seed, at, next).isTrue();
            at = next;
        }
        assertThat(at.isPostFlight()).as("seed %d ends post-flight", seed).isTrue();
        assertThat(plan.finalStatus()).isEqualTo(at);
        return at;
    }

    @Test
    void onlyTheLastStepIsPostFlight() {
        for (long seed = 0; seed < SEEDS; seed++) {
            for (RecordKind kind : RecordKind.values()) {
                var steps = Lifecycles.of(kind, new SplittableRandom(seed)).steps();
                assertThat(steps.subList(0, steps.size() - 1)).noneMatch(s -> s.status().isPostFlight());
            }
        }
    }

    @Test
    void aLifecycleFinishesWithinAFewSeconds() {
        for (long seed = 0; seed < SEEDS; seed++) {
            for (RecordKind kind : RecordKind.values()) {
                Duration total = Lifecycles.of(kind, new SplittableRandom(seed)).steps().stream()
                        .map(Lifecycle.Step::delay).reduce(Duration.ZERO, Duration::plus);
                assertThat(total).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(3));
            }
        }
    }

    @Test
    void theSameSeedPlansTheSameLifecycle() {
        for (long seed = 0; seed < 100; seed++) {
            assertThat(Lifecycles.call(new SplittableRandom(seed))).isEqualTo(Lifecycles.call(new SplittableRandom(seed)));
            assertThat(Lifecycles.message(new SplittableRandom(seed))).isEqualTo(Lifecycles.message(new SplittableRandom(seed)));
        }
    }

    @Test
    void mostCallsCompleteAndMostMessagesAreDelivered() {
        int completed = 0;
        int delivered = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            RecordStatus call = Lifecycles.call(new SplittableRandom(seed)).finalStatus();
            RecordStatus message = Lifecycles.message(new SplittableRandom(seed)).finalStatus();
            completed += call == CallStatus.COMPLETED ? 1 : 0;
            delivered += message == MessageStatus.DELIVERED ? 1 : 0;
        }
        assertThat(completed / (double) SEEDS).isBetween(0.65, 0.75);
        assertThat(delivered / (double) SEEDS).isBetween(0.80, 0.90);
    }

    @Test
    void failedMessagesCarryAnErrorCode() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Lifecycle.Step last = Lifecycles.message(new SplittableRandom(seed)).steps().getLast();
            if (last.status() != MessageStatus.DELIVERED) {
                assertThat(last.errorCode()).isNotNull();
                assertThat(last.errorMessage()).isNotBlank();
            }
        }
    }
}
