package io.flightpath.split.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.core.FlightpathException;
import org.junit.jupiter.api.Test;

class GtidPositionTest {
    @Test
    void parsesAndPrintsMariaDbsFormInDomainOrder() {
        GtidPosition p = GtidPosition.parse("11-11-7, 10-10-4711");

        assertThat(p.sequence(10)).isEqualTo(4711);
        assertThat(p.sequence(12)).isZero();
        assertThat(p).hasToString("10-10-4711,11-11-7");
        assertThat(GtidPosition.parse("")).isEqualTo(GtidPosition.EMPTY);
    }

    @Test
    void comparesDomainByDomain() {
        GtidPosition applied = GtidPosition.parse("10-10-100,11-11-5");

        assertThat(applied.reached(GtidPosition.parse("10-10-100"))).isTrue();
        assertThat(applied.reached(GtidPosition.parse("10-10-101"))).isFalse();
        assertThat(applied.reached(GtidPosition.parse("10-10-50,12-12-1"))).isFalse();
        assertThat(applied.passed(GtidPosition.parse("10-10-100,11-11-5"))).isFalse();
        assertThat(applied.passed(GtidPosition.parse("10-10-100,11-11-4"))).isTrue();
        assertThat(applied.reached(GtidPosition.EMPTY)).isTrue();
    }

    @Test
    void refusesWhatIsNotAPosition() {
        assertThatThrownBy(() -> GtidPosition.parse("10-10")).isInstanceOf(FlightpathException.class).hasMessageContaining("'10-10'");
        assertThatThrownBy(() -> GtidPosition.parse("1-1-1,1-2-3")).hasMessageContaining("domain 1 twice");
    }
}
