package io.flightpath.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every change refuses bad input, naming the field, and leaves the flag as it was. */
class FlagTest {
    static final String SID = "AC0123456789abcdef0123456789abcdef";

    @Test
    void anOnOffFlagHasTrueAndFalseAndNoRules() {
        Flag f = Flag.create("services-path", "route through the services", List.of(), "false");
        assertThat(f.kind()).isEqualTo(FlagKind.BOOLEAN);
        assertThat(f.variants()).containsExactly("true", "false");
        assertThat(f.accounts()).isEmpty();
        assertThat(f.rollout()).isNull();
        assertThat(f.killed()).isFalse();
    }

    @Test
    void theFirstRolloutOfAnOnOffFlagTurnsItToTheOtherValue() {
        Flag f = Flag.create("services-path", "d", List.of(), "false").withRollout(12.5, null);
        assertThat(f.rollout()).isEqualTo(new Rollout(12.5, "true"));
        assertThat(f.rollout().threshold()).isEqualTo(1250);
        assertThat(f.withRollout(20, null).rollout()).isEqualTo(new Rollout(20, "true"));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Flag f = Flag.create("pipeline", "d", List.of("old", "new"), "old");
        refused(() -> Flag.create("Bad Name", "d", List.of(), "false"), "name");
        refused(() -> Flag.create("x", " ", List.of(), "false"), "description");
        refused(() -> Flag.create("x", "d", List.of("only"), "only"), "variants");
        refused(() -> Flag.create("x", "d", List.of("a", "a"), "a"), "variants");
        refused(() -> Flag.create("x", "d", List.of("a", "b"), "c"), "default");
        refused(() -> f.withAccount(SID, "newest"), "value");
        refused(() -> f.withAccount("AC123", "new"), "account");
        refused(() -> f.withoutAccount(SID), "account");
        refused(() -> f.withRollout(100.5, "new"), "percent");
        refused(() -> f.withRollout(-1, "new"), "percent");
        refused(() -> f.withRollout(10.001, "new"), "percent");
        refused(() -> f.withRollout(10, null), "value");
        refused(() -> f.withKilled(false), "not killed");
    }

    @Test
    void aKilledFlagTakesNoRuleChangesUntilUnkilled() {
        Flag killed = Flag.create("pipeline", "d", List.of("old", "new"), "old").withKilled(true);
        refused(() -> killed.withAccount(SID, "new"), "killed");
        refused(() -> killed.withRollout(10, "new"), "killed");
        refused(() -> killed.withKilled(true), "already killed");
        assertThat(killed.withKilled(false).withAccount(SID, "new").accounts()).containsEntry(SID, "new");
    }

    private static void refused(Runnable change, String field) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(FlightpathException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains(field);
        });
    }
}
