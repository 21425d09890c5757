package io.flightpath.app;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.store.testing.TestDatabases;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * Every service in this JVM, as `flightpath up` wires them, on fresh databases of the shared
 * test cluster and free ports. Tests talk to it over HTTP like any client.
 */
final class RunningStack implements AutoCloseable {
    static final String TOKEN = "internal-token-of-the-test-stack";
    final ServiceStack stack;

    RunningStack(Map<String, String> extraSettings) {
        StoreAddresses stores = new StoreAddresses(
                TestDatabases.fresh("control", "control"),
                TestDatabases.fresh("inflight", "inflight"),
                Map.of("shard0", TestDatabases.fresh("shard0", "records")));
        stack = ServiceStack.embedded(stores, settings(extraSettings), TOKEN, Clock.systemUTC());
    }

    private RunningStack(ServiceStack stack) {
        this.stack = stack;
    }

    /** The legacy shape: one database of the legacy schema on shard0's server. */
    static RunningStack legacy(Map<String, String> extraSettings) {
        return new RunningStack(ServiceStack.legacy(TestDatabases.fresh("control", "control"),
                TestDatabases.fresh("shard0", "legacy"), settings(extraSettings), TOKEN, Clock.systemUTC()));
    }

    private static Settings settings(Map<String, String> extra) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "api.listen", "127.0.0.1:0", "control.listen", "127.0.0.1:0", "inflight.listen", "127.0.0.1:0",
                "postflight.listen", "127.0.0.1:0", "billing.listen", "127.0.0.1:0", "handoff.idle-wait", "50ms"));
        values.putAll(extra);
        return Settings.of(values);
    }

    URI api() {
        return stack.uri(Service.API);
    }

    URI events() {
        return stack.uri(Service.INFLIGHT);
    }

    AccountCredentials newAccount() {
        return stack.accounts().create("test account");
    }


    @Override
    public void close() {
        stack.close();
    }
}
