package io.flightpath.core;

/** Which way a call or message travels, with Twilio's wire words. */
public enum Direction {
    INBOUND("inbound"),
    OUTBOUND_API("outbound-api"),
    OUTBOUND_CALL("outbound-call"),
    OUTBOUND_DIAL("outbound-dial"),
    OUTBOUND_REPLY("outbound-reply");

    private final String wire;

    Direction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Throws INVALID_ARGUMENT, listing the accepted words, unless {@code word} is one exactly. */
    public static Direction fromWire(String word) {
        return WireWords.lookup(values(), Direction::wire, "direction", word);
    }
}
