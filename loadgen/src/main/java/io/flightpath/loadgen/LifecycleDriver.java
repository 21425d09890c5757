package io.flightpath.loadgen;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import java.time.Clock;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Plays the telephony platform for one record: creates it through the public API, then sends its
 * lifecycle's events one by one, each only after the previous was acknowledged, since the
 * service applies a record's events in the order they arrive. Thread-safe; one call per record.
 */
final class LifecycleDriver {
    private static final String VOICE_URL = "http://demo.twilio.com/docs/voice.xml";
    // Twilio's test number that always passes as a valid sender.
    private static final String FROM = "+15005550006";

    private final PublicApi api;
    private final PlatformEvents events;
    private final Ledger ledger;
    private final Clock clock;

    LifecycleDriver(PublicApi api, PlatformEvents events, Ledger ledger, Clock clock) {
        this.api = api;
        this.events = events;
        this.ledger = ledger;
        this.clock = clock;
    }

    void drive(RecordKind kind, LoadAccount account, RandomGenerator random) {
        Lifecycle lifecycle = Lifecycles.of(kind, random);
        String to = "+1555" + random.nextInt(1_000_000, 10_000_000);
        Map<String, String> form = kind == RecordKind.CALL
                ? Map.of("To", to, "From", FROM, "Url", VOICE_URL)
                : Map.of("To", to, "From", FROM, "Body", "Flightpath load " + Long.toHexString(random.nextLong()));
        api.create(account, kind, form).ifPresent(sid -> play(new TrackedRecord(kind, account, sid), lifecycle));
    }

    private void play(TrackedRecord record, Lifecycle lifecycle) {
        ledger.add(record);
        for (Lifecycle.Step step : lifecycle.steps()) {
            pause(step);
            if (!events.send(step.event(record.sid, clock.instant()))) {
                return; // counted as a failed request; the record is left where the server has it
            }
        }
        record.finish(lifecycle.finalStatus());
    }

    private static void pause(Lifecycle.Step step) {
        try {
            Thread.sleep(step.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlightpathException(ErrorCode.UNAVAILABLE, "interrupted before sending " + step.status().wire(), e);
        }
    }
}
