package io.flightpath.loadgen;

import io.flightpath.core.RecordStatus;

/**
 * A call or message the run created, and the final status the platform drove it to. Thread-safe:
 * the lifecycle's thread finishes it, readers and the verifier read it.
 */
final class TrackedRecord {
    final RecordKind kind;
    final LoadAccount account;
    final String sid;
    // Null until the last event is acknowledged, and for good when an event finally failed: the
    // server then holds whichever status it last took, so only the record's existence is checked.
    private volatile RecordStatus finalStatus;

    TrackedRecord(RecordKind kind, LoadAccount account, String sid) {
        this.kind = kind;
        this.account = account;
        this.sid = sid;
    }

    void finish(RecordStatus status) {
        this.finalStatus = status;
    }

    RecordStatus finalStatus() {
        return finalStatus;
    }
}
