package io.flightpath.inflight.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.core.CallStatus;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.RecordStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SweepRulesTest {
    final List<Sweeper.Rule> rules = Sweeper.rules(SweepConfig.DEFAULTS);

    @Test
    void everyInFlightStatusHasExactlyOneRule() {
        List<RecordStatus> inFlight = new ArrayList<>();
        Stream.of(CallStatus.values()).filter(s -> !s.isPostFlight()).forEach(inFlight::add);
        Stream.of(MessageStatus.values()).filter(s -> !s.isPostFlight()).forEach(inFlight::add);

        assertThat(rules).extracting(Sweeper.Rule::from).containsExactlyInAnyOrderElementsOf(inFlight);
    }

    @Test
    void everyRuleIsALegalMoveToAPostFlightStatus() {
        for (Sweeper.Rule rule : rules) {
            assertThat(rule.to().isPostFlight()).as("%s", rule).isTrue();
            boolean legal = rule.from() instanceof CallStatus from
                    ? from.canMoveTo((CallStatus) rule.to())
                    : ((MessageStatus) rule.from()).canMoveTo((MessageStatus) rule.to());
            assertThat(legal).as("%s", rule).isTrue();
        }
    }

    @Test
    void configurationNamesTheBadFieldAndValue() {
        assertThatThrownBy(() -> new SweepConfig(Duration.ofHours(1), Duration.ZERO, Duration.ofHours(1),
                Duration.ofHours(1), Duration.ofHours(1), 10, Duration.ofMinutes(1)))
                .isInstanceOf(FlightpathException.class)
                .hasMessage("inProgressTimeout must be a positive duration, was PT0S");
        assertThatThrownBy(() -> new HandoffConfig(0, 4, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(1)))
                .hasMessage("batchSize must be >= 1, was 0");
    }
}
