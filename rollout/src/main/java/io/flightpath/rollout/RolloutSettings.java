package io.flightpath.rollout;

import io.flightpath.core.FlightpathException;
import io.flightpath.legacy.rekey.RekeySettings;
import io.flightpath.split.workflow.SplitSettings;
import java.time.Duration;
import java.util.List;

/**
 * How the rollout walks.
 *
 * @param shadowMinCompared requests Shadow must have compared per endpoint before SHADOW_COMPARE passes
 * @param shadowTimeout     how long SHADOW_COMPARE waits for that many comparisons
 * @param flipSteps         the services-path percentages FLIP_ACCOUNTS rises through, ascending, ending at 100
 * @param watch             how long each flip step watches the flipped accounts' error rate
 * @param maxErrorRate      the share of the flipped accounts' requests that may fail (5xx) in a watch
 * @param ackTimeout        how long a change waits for every live node to acknowledge it
 * @param drainTimeout      how long SPLIT_INFLIGHT waits for the legacy in-flight rows to finish
 * @param shards            how many post-flight shards SHARD ends with (a power of two)
 * @param isolate           whether SHARD then moves the account with most records to a shard of its own
 * @param heartbeat         how often a run renews its claim
 * @param staleClaim        how old a claim's heartbeat must be before another run takes over
 */
public record RolloutSettings(int shadowMinCompared, Duration shadowTimeout, List<Integer> flipSteps, Duration watch,
                              double maxErrorRate, Duration ackTimeout, Duration drainTimeout, int shards, boolean isolate,
                              Duration heartbeat, Duration staleClaim, RekeySettings rekey, SplitSettings split) {
    public RolloutSettings {
        flipSteps = List.copyOf(flipSteps);
        if (shadowMinCompared < 1) {
            throw FlightpathException.invalid("the Shadow gate needs at least 1 compared request per endpoint, was %d", shadowMinCompared);
        }
        if (flipSteps.isEmpty() || flipSteps.getLast() != 100 || flipSteps.stream().anyMatch(p -> p < 1 || p > 100)
                || !flipSteps.equals(flipSteps.stream().sorted().distinct().toList())) {
            throw FlightpathException.invalid("flip steps must be ascending percentages from 1 to 100 ending at 100, were %s", flipSteps);
        }
        if (!(maxErrorRate >= 0 && maxErrorRate < 1)) {
            throw FlightpathException.invalid("the error-rate bound must be in [0, 1), was %s", maxErrorRate);
        }
        if (shards < 1 || Integer.bitCount(shards) != 1 || shards > 64) {
            throw FlightpathException.invalid("shards must be a power of two from 1 to 64, was %d", shards);
        }
    }

    public static RolloutSettings defaults() {
        return new RolloutSettings(200, Duration.ofMinutes(10), List.of(1, 10, 50, 100), Duration.ofSeconds(30), 0.01,
                Duration.ofMinutes(1), Duration.ofMinutes(30), 4, true, Duration.ofSeconds(2), Duration.ofSeconds(30),
                RekeySettings.defaults(), SplitSettings.defaults());
    }

    public RolloutSettings withShadowMinCompared(int n) {
        return new RolloutSettings(n, shadowTimeout, flipSteps, watch, maxErrorRate, ackTimeout, drainTimeout, shards, isolate,
                heartbeat, staleClaim, rekey, split);
    }

    public RolloutSettings withWatch(Duration d) {
        return new RolloutSettings(shadowMinCompared, shadowTimeout, flipSteps, d, maxErrorRate, ackTimeout, drainTimeout, shards, isolate,
                heartbeat, staleClaim, rekey, split);
    }

    public RolloutSettings withShards(int n, boolean isolateBusiest) {
        return new RolloutSettings(shadowMinCompared, shadowTimeout, flipSteps, watch, maxErrorRate, ackTimeout, drainTimeout, n,
                isolateBusiest, heartbeat, staleClaim, rekey, split);
    }

    public RolloutSettings withTimeouts(Duration shadow, Duration drain) {
        return new RolloutSettings(shadowMinCompared, shadow, flipSteps, watch, maxErrorRate, ackTimeout, drain, shards, isolate,
                heartbeat, staleClaim, rekey, split);
    }

    public RolloutSettings withStaleClaim(Duration stale) {
        return new RolloutSettings(shadowMinCompared, shadowTimeout, flipSteps, watch, maxErrorRate, ackTimeout, drainTimeout, shards, isolate,
                Duration.ofMillis(Math.max(50, stale.toMillis() / 4)), stale, rekey, split);
    }

    public RolloutSettings withFlipSteps(List<Integer> steps, double errorBound) {
        return new RolloutSettings(shadowMinCompared, shadowTimeout, steps, watch, errorBound, ackTimeout, drainTimeout, shards, isolate,
                heartbeat, staleClaim, rekey, split);
    }
}
