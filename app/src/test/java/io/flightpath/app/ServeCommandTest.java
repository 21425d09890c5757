package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `flightpath serve NAME --config FILE` refuses a key it does not know before it opens anything. */
class ServeCommandTest {
    @TempDir
    Path dir;

    private record Case(String service, String key, String nearest) {
    }

    @Test
    void eachServiceRefusesAnUnknownKeyOfItsOwnPrefixWithOneLineAndExitOne() throws IOException {
        List<Case> cases = List.of(new Case("control", "control.lisen", "control.listen"),
                new Case("postflight", "routing.pol", "routing.poll"), new Case("inflight", "handoff.bacth", "handoff.batch"),
                new Case("billing", "billing.lissen", "billing.listen"), new Case("api", "api.auth-cach", "api.auth-cache"),
                new Case("shadow", "shadow.experimantal", "shadow.experimental"));
        for (Case c : cases) {
            Path file = Files.write(dir.resolve(c.service() + ".properties"), List.of(c.key() + " = 5"));
            StringWriter err = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(new StringWriter(), true));
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute("serve", c.service(), "--config", file.toString());
            assertThat(code).as("exit code of serve %s", c.service()).isEqualTo(1);
            assertThat(err.toString().lines().toList()).as("stderr of serve %s", c.service()).containsExactly(
                    "flightpath: unknown key " + c.key() + " in " + file + " (did you mean " + c.nearest() + "?)");
        }
    }
}
