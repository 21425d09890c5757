package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openfeature.sdk.ImmutableContext;
import io.flightpath.app.ServiceStack.Service;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.http.FlagHttpClient;
import io.flightpath.core.AccountSid;
import io.flightpath.http.ServiceClient;
import java.time.Duration;
import io.flightpath.http.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** `flightpath flags …` against a running stack, whose own flags node evaluates what the commands change. */
@ExtendWith(SharedCluster.class)
class FlagsCommandIT {
    static RunningStack running;

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }
    }

    @BeforeAll
    static void start() {
        running = new RunningStack(Map.of());
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    static Run flags(String... args) {
        List<String> all = new ArrayList<>(List.of("flags"));
        all.addAll(List.of(args));
        all.addAll(List.of("--control", running.stack.uri(Service.CONTROL).toString(), "--token", RunningStack.TOKEN));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    static boolean evaluated(String flag, String sid) {
        return running.stack.flagClient().getBooleanValue(flag, false, new ImmutableContext(sid));
    }

    @Test
    void changesAreAuditedAndEveryLiveNodeEvaluatesThemOnceWaitReturns() throws Exception {
        String sid = AccountSid.random().value();
        assertThat(flags("create", "services-path", "--description", "through the services", "--default", "false",
                "--reason", "first step", "--by", "ana").exit()).isZero();
        assertThat(flags("set", "services-path", "--account", sid, "--value", "true", "--reason", "pilot", "--by", "ana").exit()).isZero();

        Run wait = flags("wait", "services-path");
        assertThat(wait.exit()).isZero();
        assertThat(wait.out()).contains("every live node (1)");
        assertThat(evaluated("services-path", sid)).isTrue();

        assertThat(flags("rollout", "services-path", "--percent", "100", "--reason", "all", "--by", "bo").exit()).isZero();
        assertThat(flags("kill", "services-path", "--reason", "errors", "--by", "bo").exit()).isZero();
        assertThat(flags("wait", "services-path", "--json").json().get("live").asInt()).isEqualTo(1);
        assertThat(evaluated("services-path", sid)).isFalse();
        assertThat(evaluated("services-path", AccountSid.random().value())).isFalse();

        JsonNode shown = flags("show", "services-path", "--json").json();
        assertThat(shown.get("killed").asBoolean()).isTrue();
        assertThat(shown.get("rollout").get("percent").asDouble()).isEqualTo(100);
        JsonNode history = flags("history", "services-path", "--json").json();
        assertThat(history).hasSize(4);
        assertThat(history.get(0).get("action").asText()).isEqualTo("kill");
        assertThat(history.get(0).get("by").asText()).isEqualTo("bo");
        assertThat(history.get(0).get("reason").asText()).isEqualTo("errors");
        assertThat(history.get(3).get("action").asText()).isEqualTo("create");
        assertThat(flags("list").out()).contains("services-path").contains("KILLED");
        FlagHttpClient admin = new FlagHttpClient(new ServiceClient("control", running.stack.uri(Service.CONTROL), RunningStack.TOKEN,
                Duration.ofSeconds(5)));
        assertThat(admin.nodes().nodes()).anySatisfy(n -> {
            assertThat(n.nodeId()).isEqualTo(running.stack.flagNode().nodeId());
            assertThat(n.acknowledged()).isTrue();
        });
    }

    @Test
    void badInputIsOneLineAndExitOneAndChangesNothing() throws Exception {
        flags("create", "pipeline", "--description", "d", "--variants", "old,new", "--default", "old", "--reason", "r", "--by", "ana");
        flags("create", "stopped", "--description", "d", "--default", "false", "--reason", "r", "--by", "ana");
        flags("kill", "stopped", "--reason", "r", "--by", "ana");
        long version = flags("list", "--json").json().get("version").asLong();
        int audited = flags("history", "--json", "--limit", "10000").json().size();
        String sid = AccountSid.random().value();

        List<List<String>> bad = List.of(
                List.of("set", "no-such-flag", "--account", sid, "--value", "new"),
                List.of("set", "pipeline", "--account", sid, "--value", "newest"),
                List.of("rollout", "pipeline", "--percent", "101", "--value", "new"),
                List.of("rollout", "pipeline", "--percent", "-3", "--value", "new"),
                List.of("set", "pipeline", "--account", "AC42", "--value", "new"),
                List.of("set", "stopped", "--account", sid, "--value", "true"),
                List.of("rollout", "stopped", "--percent", "5"));
        for (List<String> args : bad) {
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of("--reason", "r", "--by", "ana"));
            Run run = flags(all.toArray(String[]::new));
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(run.err().strip().lines()).as(String.join(" ", args)).hasSize(1)
                    .first().asString().startsWith("flightpath: ");
        }

        assertThat(flags("list", "--json").json().get("version").asLong()).isEqualTo(version);
        assertThat(flags("history", "--json", "--limit", "10000").json()).hasSize(audited);
    }
}
