package io.flightpath.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightpath.console.Views.Moment;
import io.flightpath.http.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountPagesTest {
    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void aFinishedCallsTimelineIsCreatedAnsweredAndEndedWithTheEndMarkedPostFlight() throws Exception {
        List<Moment> timeline = AccountPages.timeline(AccountPages.Kind.CALLS, json("""
                {"status":"completed","date_created":"t0","start_time":"t1","end_time":"t2","date_updated":"t3"}"""));
        assertThat(timeline).extracting(Moment::status).containsExactly("queued", "in-progress", "completed");
        assertThat(timeline).extracting(Moment::at).containsExactly("t0", "t1", "t2");
        assertThat(timeline).extracting(Moment::postFlight).containsExactly(false, false, true);
    }

    @Test
    void aRingingCallShowsItsCurrentStatusInFlightAndAQueuedMessageOnlyItsCreation() throws Exception {
        assertThat(AccountPages.timeline(AccountPages.Kind.CALLS, json("""
                {"status":"ringing","date_created":"t0","start_time":null,"end_time":null,"date_updated":"t1"}""")))
                .extracting(Moment::status, Moment::postFlight).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("queued", false), org.assertj.core.groups.Tuple.tuple("ringing", false));
        assertThat(AccountPages.timeline(AccountPages.Kind.MESSAGES, json("""
                {"status":"delivered","date_created":"t0","date_sent":"t1","date_updated":"t2"}""")))
                .extracting(Moment::status).containsExactly("accepted", "sent", "delivered");
    }
}
