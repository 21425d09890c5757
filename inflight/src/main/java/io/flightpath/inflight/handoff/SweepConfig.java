package io.flightpath.inflight.handoff;

import io.flightpath.core.FlightpathException;
import java.time.Duration;

/**
 * When the sweeper gives up on a record that gets no more status events (see {@link Sweeper}),
 * validated when built.
 *
 * @param callTimeout       a call queued or ringing this long
 * @param inProgressTimeout a call in progress this long (Twilio's default call time limit is 4 h)
 * @param sentTimeout       a message sent this long without a delivery receipt
 * @param scheduledTimeout  a message scheduled this long (Twilio schedules up to 35 days ahead)
 * @param messageTimeout    a message accepted, queued, sending or receiving this long
 * @param batchSize         records finalised per rule and transaction
 * @param interval          wait between sweeps that found nothing
 */
public record SweepConfig(Duration callTimeout, Duration inProgressTimeout, Duration sentTimeout,
                          Duration scheduledTimeout, Duration messageTimeout, int batchSize, Duration interval) {
    public static final SweepConfig DEFAULTS = new SweepConfig(Duration.ofHours(1), Duration.ofHours(4),
            Duration.ofHours(24), Duration.ofDays(36), Duration.ofHours(1), 500, Duration.ofMinutes(1));

    public SweepConfig {
        Durations.positive("callTimeout", callTimeout);
        Durations.positive("inProgressTimeout", inProgressTimeout);
        Durations.positive("sentTimeout", sentTimeout);
        Durations.positive("scheduledTimeout", scheduledTimeout);
        Durations.positive("messageTimeout", messageTimeout);
        Durations.positive("interval", interval);
        if (batchSize < 1) {
            throw FlightpathException.invalid("batchSize must be >= 1, was %d", batchSize);
        }
    }
}
