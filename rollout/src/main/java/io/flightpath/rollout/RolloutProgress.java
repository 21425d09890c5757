package io.flightpath.rollout;

import io.flightpath.control.api.RolloutRecord.Phase;

/** What a rollout run tells its operator as it goes: a line per phase, and notes while a phase waits or works. */
public interface RolloutProgress {
    void phaseStarted(Phase phase, String description);

    void note(Phase phase, String message);

    void phaseFinished(Phase phase, String summary);

    RolloutProgress NONE = new RolloutProgress() {
        @Override
        public void phaseStarted(Phase phase, String description) {
        }

        @Override
        public void note(Phase phase, String message) {
        }

        @Override
        public void phaseFinished(Phase phase, String summary) {
        }
    };
}
