package io.flightpath.app;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.store.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Every service in this JVM, as `flightpath up` wires them, on fresh databases of the shared
 * test cluster and free ports. Tests talk to it over HTTP like any client.
 */
final class RunningStack implements AutoCloseable {
    static final String TOKEN = "internal-token-of-the-test-stack";
    final ServiceStack stack;
    private Path scratch;
    /** The legacy shape's database (null in the after shape). */
    DatabaseConfig legacyStore;

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
    /** The legacy shape, its Shadow's report in a folder of its own removed on close. */
    static RunningStack legacy(Map<String, String> extraSettings) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("flightpath-shadow");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunningStack stack = legacy(extraSettings, ShadowFront.at(scratch));
        stack.scratch = scratch;
        return stack;
    }

    static RunningStack legacy(Map<String, String> extraSettings, ShadowFront shadow) {
        DatabaseConfig legacy = TestDatabases.fresh("shard0", "legacy");
        RunningStack stack = new RunningStack(ServiceStack.legacy(TestDatabases.fresh("control", "control"),
                TestDatabases.fresh("inflight", "inflight"), legacy, shadow, settings(extraSettings), TOKEN, Clock.systemUTC()));
        stack.legacyStore = legacy;
        return stack;
    }

    private static Settings settings(Map<String, String> extra) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "api.listen", "127.0.0.1:0", "control.listen", "127.0.0.1:0", "inflight.listen", "127.0.0.1:0",
                "postflight.listen", "127.0.0.1:0", "billing.listen", "127.0.0.1:0", "console.listen", "127.0.0.1:0", "handoff.idle-wait", "50ms"));
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

    /** A client of the public API signed in as {@code account}. */
    ApiClient client(AccountCredentials account) {
        return new ApiClient(api(), account.accountSid().value(), account.authToken());
    }


    @Override
    public void close() {
        stack.close();
        if (scratch != null) {
            try (var files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
