package io.flightpath.split.replication;

import io.flightpath.core.FlightpathException;

/** The AUTO_INCREMENT step and offset a connection gives new row ids. */
public record SequenceSettings(int increment, int offset) {
    /** One server alone: 1, 2, 3, ... */
    public static final SequenceSettings SINGLE = new SequenceSettings(1, 1);
    /** The source during a split: odd ids. */
    public static final SequenceSettings SOURCE = new SequenceSettings(2, 1);
    /** The target during a split: even ids. */
    public static final SequenceSettings TARGET = new SequenceSettings(2, 2);

    public SequenceSettings {
        if (increment < 1 || increment > 65535) {
            throw FlightpathException.invalid("auto_increment_increment must be 1..65535, was %d", increment);
        }
        if (offset < 1 || offset > increment) {
            throw FlightpathException.invalid("auto_increment_offset must be 1..%d, was %d", increment, offset);
        }
    }
}
