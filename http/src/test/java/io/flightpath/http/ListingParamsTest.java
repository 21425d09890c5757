package io.flightpath.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.core.AccountSid;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Cursor;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.PageRequest;
import io.flightpath.core.TimeRange;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListingParamsTest {
    static final AccountSid ACCOUNT = AccountSid.random();
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");

    @Test
    void aCallQueryWithEveryFieldSetSurvivesTheRoundTrip() {
        CallQuery query = new CallQuery(ACCOUNT, "+14155550100", "+14155550199", CallSid.random(), CallStatus.NO_ANSWER,
                new TimeRange(T0, T0.plusSeconds(60)), new TimeRange(null, T0.plusSeconds(120)));
        PageRequest page = new PageRequest(25, new Cursor(T0, CallSid.random().value()));

        Map<String, String> params = ListingParams.of(query, page);

        assertThat(ListingParams.callQuery(ACCOUNT, params::get)).isEqualTo(query);
        assertThat(ListingParams.page(params::get)).isEqualTo(page);
    }

    @Test
    void aMessageQuerySurvivesTheRoundTripAndUnsetFieldsStayUnset() {
        MessageQuery query = new MessageQuery(ACCOUNT, null, "+14155550199", new TimeRange(T0, null));

        Map<String, String> params = ListingParams.of(query, PageRequest.first(3));

        assertThat(params).containsEntry("to", null).containsEntry("after", null);
        assertThat(ListingParams.messageQuery(ACCOUNT, params::get)).isEqualTo(query);
        assertThat(ListingParams.page(params::get)).isEqualTo(PageRequest.first(3));
    }

    @Test
    void aMissingPageSizeIsTheDefault() {
        assertThat(ListingParams.page(name -> null)).isEqualTo(PageRequest.first(ListingParams.DEFAULT_PAGE_SIZE));
    }

    @Test
    void aMalformedValueIsInvalidAndNamesTheParameter() {
        assertThatThrownBy(() -> ListingParams.callQuery(ACCOUNT, name -> name.equals("startTimeTo") ? "noon" : null))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("startTimeTo");
        assertThatThrownBy(() -> ListingParams.page(name -> name.equals("pageSize") ? "ten" : null))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("pageSize");
    }
}
