package io.flightpath.loadgen;

import io.flightpath.core.CallStatus;
import io.flightpath.core.MessageStatus;
import io.flightpath.loadgen.Lifecycle.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Draws random lifecycles with a realistic mix of outcomes. Delays are milliseconds, not the
 * minutes of real calls, so a run's records all finish within a few seconds of their creation.
 * Stateless; the caller's generator decides, so the same seed plans the same lifecycles.
 */
final class Lifecycles {
    private static final int MIN_STEP_MS = 50;
    private static final int MAX_STEP_MS = 400;
    private static final int MAX_TALK_MS = 1500;

    private Lifecycles() {
    }

    /**
     * queued → ringing → in-progress → completed (70%), or busy (8%), no-answer (10%), failed
     * after ringing or while talking (5%), canceled (7%).
     */
    static Lifecycle call(RandomGenerator random) {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.of(CallStatus.RINGING, step(random)));
        int roll = random.nextInt(100);
        if (roll < 70) {
            String answeredBy = random.nextInt(10) == 0 ? "machine_start" : "human";
            steps.add(new Step(CallStatus.IN_PROGRESS, step(random), answeredBy, null, null));
            steps.add(Step.of(CallStatus.COMPLETED, talk(random)));
        } else if (roll < 78) {
            steps.add(Step.of(CallStatus.BUSY, step(random)));
        } else if (roll < 88) {
            steps.add(Step.of(CallStatus.NO_ANSWER, step(random)));
        } else if (roll < 93) {
            if (random.nextBoolean()) {
                steps.add(Step.of(CallStatus.IN_PROGRESS, step(random)));
            }
            steps.add(Step.of(CallStatus.FAILED, step(random)));
        } else {
            steps.add(Step.of(CallStatus.CANCELED, step(random)));
        }
        return new Lifecycle(RecordKind.CALL, steps);
    }

    /** queued → sending → sent → delivered (85%), undelivered (8%) or failed (7%). */
    static Lifecycle message(RandomGenerator random) {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.of(MessageStatus.SENDING, step(random)));
        steps.add(Step.of(MessageStatus.SENT, step(random)));
        int roll = random.nextInt(100);
        if (roll < 85) {
            steps.add(Step.of(MessageStatus.DELIVERED, step(random)));
        } else if (roll < 93) {
            steps.add(new Step(MessageStatus.UNDELIVERED, step(random), null, 30003, "Unreachable destination handset"));
        } else {
            steps.add(new Step(MessageStatus.FAILED, step(random), null, 30008, "Unknown error"));
        }
        return new Lifecycle(RecordKind.MESSAGE, steps);
    }

    static Lifecycle of(RecordKind kind, RandomGenerator random) {
        return kind == RecordKind.CALL ? call(random) : message(random);
    }

    private static Duration step(RandomGenerator random) {
        return Duration.ofMillis(random.nextInt(MIN_STEP_MS, MAX_STEP_MS + 1));
    }

    private static Duration talk(RandomGenerator random) {
        return Duration.ofMillis(random.nextInt(MAX_STEP_MS, MAX_TALK_MS + 1));
    }
}
