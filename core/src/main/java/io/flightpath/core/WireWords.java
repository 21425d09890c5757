package io.flightpath.core;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Maps a wire word back to its enum constant, for every enum that has a wire form. */
final class WireWords {

    private WireWords() {
    }

    /**
     * Returns the constant whose wire word equals {@code word} exactly, or throws INVALID_ARGUMENT
     * listing the accepted words; {@code kind} names the vocabulary in the message ("call status").
     */
    static <E extends Enum<E>> E lookup(E[] values, Function<E, String> wire, String kind, String word) {
        for (E value : values) {
            if (wire.apply(value).equals(word)) {
                return value;
            }
        }
        String shown = word == null ? "null" : "'" + word + "'";
        String accepted = Arrays.stream(values).map(wire).collect(Collectors.joining(", "));
        throw FlightpathException.invalid("unknown %s: %s (expected one of: %s)", kind, shown, accepted);
    }
}
