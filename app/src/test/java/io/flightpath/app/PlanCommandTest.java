package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `flightpath plan` on the project's figures file: the table for today and 10x..1,000x, and bad input as one line. */
class PlanCommandTest {
    private static final String FIGURES = "../docs/capacity/figures.json";

    @Test
    void printsOneRowPerScaleAndWhenTheNextSplitIsDue() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream was = System.out;
        int code;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            code = Main.commandLine().execute("plan", "--calls-per-second", "40", "--messages-per-second", "40", "--figures", FIGURES);
        } finally {
            System.setOut(was);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(printed).contains("figures: " + FIGURES).containsPattern("(?m)^today +80 ").containsPattern("(?m)^10x +800 ")
                .containsPattern("(?m)^100x +8,000 ").containsPattern("(?m)^1,000x +80,000 ").contains("next split with ");
    }

    @Test
    void badInputIsOneLineAndANonZeroExit() {
        assertThat(run("plan", "--calls-per-second", "40", "--messages-per-second", "40", "--growth", "0.5x", "--figures", FIGURES))
                .startsWith("flightpath: Invalid value for option '--growth'").contains("a growth factor of at least 1");
        assertThat(run("plan", "--calls-per-second", "40", "--messages-per-second", "40", "--retention", "13m", "--figures", FIGURES))
                .contains("a number of days such as 400d");
        assertThat(run("plan", "--calls-per-second", "-1", "--messages-per-second", "0", "--figures", FIGURES))
                .isEqualTo("flightpath: calls and messages per second must be >= 0, and not both 0; were -1.0 and 0.0\n");
        assertThat(run("plan", "--calls-per-second", "1", "--messages-per-second", "1", "--figures", "missing.json"))
                .isEqualTo("flightpath: no figures file at missing.json\n");
    }

    private static String run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute(args)).isNotZero();
        return err.toString();
    }
}
