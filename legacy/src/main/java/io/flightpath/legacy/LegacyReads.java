package io.flightpath.legacy;

import io.flightpath.aggregator.RecordReads;

/**
 * The legacy path's reads: one query on the one table, in-flight and finished rows alike, with no
 * merge. What Shadow compares with the services path's {@link io.flightpath.aggregator.Aggregator}.
 */
public final class LegacyReads extends StageView implements RecordReads {
    public LegacyReads(LegacyRecords records) {
        super(records, Stage.ANY);
    }
}
