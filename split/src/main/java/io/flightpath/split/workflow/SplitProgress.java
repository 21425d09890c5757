package io.flightpath.split.workflow;

import java.util.OptionalLong;

import io.flightpath.control.api.SplitRecord.Step;

/** Where a split is, for a progress bar, a log or the admin API. Implementations are thread-safe. */
public interface SplitProgress {

    void stepStarted(Step step, String description);

    /** Work done within the current step, e.g. rows copied of an estimated total (total 0 when unknown). */
    void advanced(Step step, long done, long total, String unit);

    void stepFinished(Step step, String summary);

    void note(String message);

    /** The replication lag of the target behind the source, as a step just measured it (empty when unknown). */
    default void replicationLag(OptionalLong seconds) {
    }

    SplitProgress SILENT = new SplitProgress() {
        @Override
        public void stepStarted(Step step, String description) {
        }

        @Override
        public void advanced(Step step, long done, long total, String unit) {
        }

        @Override
        public void stepFinished(Step step, String summary) {
        }

        @Override
        public void note(String message) {
        }
    };
}
