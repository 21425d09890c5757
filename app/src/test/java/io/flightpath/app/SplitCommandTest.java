package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `flightpath split --target-address`: a malformed address is one line and a non-zero exit, before anything is reached. */
class SplitCommandTest {
    @TempDir
    Path home;

    @Test
    void aMalformedTargetAddressIsRefusedBeforeTheControlServiceIsAsked() {
        for (String bad : new String[] {"db-shard1", "db-shard1:http", "db-shard1:70000", ":3306"}) {
            StringWriter err = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute("split", "--home", home.toString(), "--source", "shard0", "--target", "shard1", "--target-address", bad,
                    "--range", "8000000000000000-ffffffffffffffff");
            assertThat(code).as(bad).isNotZero();
            assertThat(err.toString()).as(bad).isEqualTo("flightpath: --target-address must be HOST:PORT, was '" + bad + "'\n");
        }
    }
}
