package io.flightpath.flags;

/** What a flag answers: on or off, or one of a few named variants. */
public enum FlagKind {
    BOOLEAN,
    VARIANTS
}
