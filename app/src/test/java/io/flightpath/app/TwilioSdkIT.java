package io.flightpath.app;

import java.util.Map;

/** Twilio's helper library against the after shape: in-flight and post-flight services, the handoff, the aggregator. */
class TwilioSdkIT extends TwilioSdkContract {
    @Override
    RunningStack startStack() {
        return new RunningStack(Map.of());
    }
}
