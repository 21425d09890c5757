package io.flightpath.rollout;

/** The public API's requests served through the services path so far, and how many of them failed (5xx). */
@FunctionalInterface
public interface ServicesTraffic {
    record Counts(long requests, long failed) {
        Counts minus(Counts earlier) {
            return new Counts(requests - earlier.requests, failed - earlier.failed);
        }

        double failedShare() {
            return requests == 0 ? 0 : (double) failed / requests;
        }
    }

    Counts sample();
}
