package io.flightpath.loadgen;

/** Where a run reports how it is going: a line once per second while traffic flows, and notes between phases. */
public interface Progress {

    void update(ProgressLine line);

    /** A phase starts or ends ("verifying 1800 records"). */
    void note(String text);

    /** Reports nowhere; for tests. */
    static Progress silent() {
        return new Progress() {
            @Override
            public void update(ProgressLine line) {
            }

            @Override
            public void note(String text) {
            }
        };
    }
}
