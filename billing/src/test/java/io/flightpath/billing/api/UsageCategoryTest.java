package io.flightpath.billing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Twilio's category words and units. */
class UsageCategoryTest {

    @ParameterizedTest
    @EnumSource(UsageCategory.class)
    void everyCategoryIsReadBackFromItsWord(UsageCategory category) {
        assertThat(UsageCategory.fromWire(category.wire())).isSameAs(category);
    }

    @Test
    void anUnknownWordIsAnInvalidArgumentNamingTheKnownOnes() {
        assertThatThrownBy(() -> UsageCategory.fromWire("calls-inbound"))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Category must be one of calls, sms, totalprice, was 'calls-inbound'");
    }

    @Test
    void totalPriceIsMeasuredInItsCurrencyAndTheOthersInTheirOwnUnits() {
        assertThat(UsageCategory.TOTALPRICE.usageUnit("USD")).isEqualTo("usd");
        assertThat(UsageCategory.CALLS.usageUnit("USD")).isEqualTo("minutes");
        assertThat(UsageCategory.SMS.usageUnit("USD")).isEqualTo("segments");
    }
}
