package io.flightpath.shadow.report;

/**
 * When a field's differences are more than noise, as in Diffy: with a secondary, a field is a
 * difference when experimental differs from stable more often than secondary does, by more than
 * {@code absolute} of the requests and by more than {@code relative} of its own differences.
 * Without a secondary, every difference the rules do not declare counts.
 */
public record Thresholds(boolean secondary, double relative, double absolute) {

    boolean significant(long requests, long raw, long noise) {
        if (!secondary) {
            return raw > 0;
        }
        long excess = raw - noise;
        return excess > 0 && requests > 0
                && (double) excess / requests > absolute
                && (double) excess / raw > relative;
    }
}
