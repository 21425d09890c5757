package io.flightpath.bench;

import io.flightpath.core.FlightpathException;
import io.flightpath.inflight.handoff.HandoffConfig;
import java.time.Duration;

/**
 * How `bench pipeline` runs, validated when built.
 *
 * @param clients                  concurrent callers driving lifecycles through the services (closed loop)
 * @param baselineThreads          threads of the plain-JDBC baseline
 * @param lifecyclesPerTransaction lifecycles the baseline groups into each transaction
 * @param warmup                   time each throughput run runs before it is measured
 * @param measure                  time each throughput run is measured, in all
 * @param rounds                   turns the two throughput runs take, each measured for its share of {@code measure}
 * @param latency                  time the open-loop latency run offers load
 * @param host                     address the throwaway cluster's servers listen on
 * @param handoffWorkers           workers of the services' handoff relay
 */
public record BenchOptions(int clients, int baselineThreads, int lifecyclesPerTransaction, Duration warmup,
                           Duration measure, int rounds, Duration latency, String host, int handoffWorkers) {
    // as many lifecycles in flight through the services as the baseline keeps in its open
    // transactions (8 threads of 100): both runs get the same concurrency to group
    public static final BenchOptions DEFAULTS = new BenchOptions(800, 8, 100, Duration.ofSeconds(3),
            Duration.ofSeconds(24), 2, Duration.ofSeconds(15), "127.0.0.1", HandoffConfig.DEFAULTS.workers());

    public BenchOptions {
        if (clients < 1) {
            throw FlightpathException.invalid("clients must be >= 1, was %d", clients);
        }
        if (baselineThreads < 1) {
            throw FlightpathException.invalid("baselineThreads must be >= 1, was %d", baselineThreads);
        }
        if (lifecyclesPerTransaction < 1) {
            throw FlightpathException.invalid("lifecyclesPerTransaction must be >= 1, was %d", lifecyclesPerTransaction);
        }
        if (warmup == null || warmup.isNegative()) {
            throw FlightpathException.invalid("warmup must be a duration >= 0, was %s", warmup);
        }
        positive("measure", measure);
        if (rounds < 1) {
            throw FlightpathException.invalid("rounds must be >= 1, was %d", rounds);
        }
        positive("latency", latency);
        if (host == null || host.isBlank()) {
            throw FlightpathException.invalid("host must be set, was '%s'", host);
        }
        if (handoffWorkers < 1) {
            throw FlightpathException.invalid("handoffWorkers must be >= 1, was %d", handoffWorkers);
        }
    }

    /** These options with {@code workers} handoff relay workers. */
    public BenchOptions withHandoffWorkers(int workers) {
        return new BenchOptions(clients, baselineThreads, lifecyclesPerTransaction, warmup, measure, rounds, latency, host, workers);
    }

    private static void positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw FlightpathException.invalid("%s must be a positive duration, was %s", field, value);
        }
    }
}
