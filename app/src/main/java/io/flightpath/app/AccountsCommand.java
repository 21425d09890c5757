package io.flightpath.app;

import io.flightpath.control.api.AccountCredentials;
import io.flightpath.control.http.ControlHttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Accounts of the public API, created through the control service's admin API. */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Manage accounts of the public API.",
        subcommands = AccountsCommand.Create.class)
final class AccountsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "accounts needs a subcommand: create");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an account and print its SID and auth token as JSON (the token is shown only once).")
    static final class Create implements Callable<Integer> {
        @Mixin
        ClusterOptions options;

        @Option(names = "--name", paramLabel = "NAME", description = "Friendly name of the account.")
        String name;

        @Mixin
        ControlOptions remote;

        @Override
        public Integer call() throws Exception {
            Path home = options.home.toAbsolutePath().normalize();
            AccountCredentials created = new ControlHttpClient(remote.client(home, Duration.ofSeconds(10))).create(name);
            Map<String, String> out = new LinkedHashMap<>();
            out.put("account_sid", created.accountSid().value());
            out.put("auth_token", created.authToken());
            out.put("friendly_name", created.friendlyName());
            System.out.println(io.flightpath.http.Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
            return 0;
        }
    }
}
