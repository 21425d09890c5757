package io.flightpath.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.Reason;
import io.flightpath.core.AccountSid;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kill beats explicit beats percentage beats default. */
class EvaluatorTest {
    final Flag flag = Flag.create("pipeline", "d", List.of("old", "new"), "old");

    @Test
    void withoutRulesEveryAccountGetsTheDefault() {
        assertThat(Evaluator.evaluate(flag, AccountSid.random().value())).isEqualTo(new Evaluation("old", Reason.DEFAULT));
        assertThat(Evaluator.evaluate(flag, null)).isEqualTo(new Evaluation("old", Reason.DEFAULT));
    }

    @Test
    void anExplicitValueBeatsTheRolloutAndTheKillSwitchBeatsBoth() {
        String in = AccountSid.random().value();
        Flag rolled = flag.withRollout(100, "new").withAccount(in, "old");
        assertThat(Evaluator.evaluate(rolled, in)).isEqualTo(new Evaluation("old", Reason.TARGETING_MATCH));
        assertThat(Evaluator.evaluate(rolled, AccountSid.random().value())).isEqualTo(new Evaluation("new", Reason.SPLIT));
        Flag explicitNew = flag.withAccount(in, "new").withRollout(100, "new").withKilled(true);
        assertThat(Evaluator.evaluate(explicitNew, in)).isEqualTo(new Evaluation("old", Reason.DISABLED));
        assertThat(Evaluator.evaluate(explicitNew, AccountSid.random().value())).isEqualTo(new Evaluation("old", Reason.DISABLED));
    }

    @Test
    void anAccountIsInTheRolloutExactlyWhenItsBucketIsBelowThePercentage() {
        String sid = "AC0123456789abcdef0123456789abcdef"; // bucket 7406 for "new-pipeline", see BucketingTest
        Flag f = Flag.create("new-pipeline", "d", List.of(), "false");
        assertThat(Evaluator.evaluate(f.withRollout(74.06, null), sid).reason()).isEqualTo(Reason.DEFAULT);
        assertThat(Evaluator.evaluate(f.withRollout(74.07, null), sid)).isEqualTo(new Evaluation("true", Reason.SPLIT));
        assertThat(Evaluator.evaluate(f.withRollout(0, null), sid).reason()).isEqualTo(Reason.DEFAULT);
        assertThat(Evaluator.evaluate(f.withRollout(100, null), sid).reason()).isEqualTo(Reason.SPLIT);
    }

    @Test
    void theBucketCacheNeverChangesAnAnswerEvenWhenAccountsPushEachOtherOut() {
        Flag rolled = flag.withRollout(37.5, "new");
        CompiledFlag compiled = new CompiledFlag(rolled, null);
        List<String> accounts = java.util.stream.Stream.generate(() -> AccountSid.random().value()).limit(20_000).toList();
        for (int pass = 0; pass < 2; pass++) {
            for (String sid : accounts) {
                boolean in = Bucketing.bucket(rolled.name(), sid) < 3750;
                assertThat(compiled.evaluation(sid)).isEqualTo(in ? new Evaluation("new", Reason.SPLIT) : new Evaluation("old", Reason.DEFAULT));
            }
        }
    }
}
