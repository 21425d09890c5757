package io.flightpath.app;

import java.util.Map;

/** Twilio's helper library against the legacy shape: one database, the legacy code path. */
class LegacyTwilioSdkIT extends TwilioSdkContract {
    @Override
    RunningStack startStack() {
        return RunningStack.legacy(Map.of());
    }
}
